import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type CircuitClosed, type CircuitOpened } from '../../../src/answer/llm/circuit-breaker.ts';

function breaker() {
  let time = 0;
  const opened: CircuitOpened[] = [];
  const closed: CircuitClosed[] = [];
  const circuit = new CircuitBreaker({
    failureThreshold: 3,
    coolDownMs: 60_000,
    now: () => time,
    onOpen: (event) => opened.push(event),
    onClose: (event) => closed.push(event),
  });
  return { circuit, opened, closed, advance: (ms: number) => (time += ms) };
}

const boom = new Error('boom');

describe('CircuitBreaker', () => {
  it('stays closed while failures are not consecutive', () => {
    const { circuit, opened } = breaker();
    for (let i = 0; i < 5; i++) {
      expect(circuit.tryAcquire()).toBe(true);
      circuit.recordFailure(boom);
      circuit.recordFailure(boom);
      circuit.recordSuccess();
    }
    expect(circuit.state).toBe('closed');
    expect(opened).toEqual([]);
  });

  it('opens after the threshold, skips calls for the cool-down, reports the outage once', () => {
    const { circuit, opened, advance } = breaker();
    for (let i = 0; i < 3; i++) circuit.recordFailure(boom);
    expect(circuit.state).toBe('open');
    expect(opened).toEqual([{ failures: 3, error: boom, coolDownMs: 60_000 }]);
    expect(circuit.tryAcquire()).toBe(false);
    advance(59_999);
    expect(circuit.tryAcquire()).toBe(false);
    circuit.recordFailure(boom);
    expect(opened).toHaveLength(1);
  });

  it('lets one trial through after the cool-down; its failure opens again without a new report', () => {
    const { circuit, opened, closed, advance } = breaker();
    for (let i = 0; i < 3; i++) circuit.recordFailure(boom);
    advance(60_000);
    expect(circuit.tryAcquire()).toBe(true);
    expect(circuit.state).toBe('half-open');
    expect(circuit.tryAcquire()).toBe(false);
    circuit.recordFailure(boom);
    expect(circuit.state).toBe('open');
    expect(circuit.tryAcquire()).toBe(false);
    advance(60_000);
    expect(circuit.tryAcquire()).toBe(true);
    expect(opened).toHaveLength(1);
    expect(closed).toEqual([]);
  });

  it('closes on the trial succeeding and reports the recovery once', () => {
    const { circuit, closed, advance } = breaker();
    for (let i = 0; i < 3; i++) circuit.recordFailure(boom);
    expect(circuit.tryAcquire()).toBe(false);
    advance(60_000);
    expect(circuit.tryAcquire()).toBe(true);
    circuit.recordSuccess();
    expect(circuit.state).toBe('closed');
    expect(closed).toEqual([{ downMs: 60_000, skipped: 1 }]);
    circuit.recordSuccess();
    expect(closed).toHaveLength(1);
    expect(circuit.tryAcquire()).toBe(true);
  });
});
