import { describe, expect, it } from 'vitest';
import { htmlCharset, htmlText } from '../../src/knowledge/formats/html-text.ts';
import { tidyAntiwordText } from '../../src/knowledge/formats/legacy-word.ts';
import { rtfText } from '../../src/knowledge/formats/rtf-text.ts';
import { readImageHeader } from '../../src/knowledge/ocr/image-header.ts';
import { wordConfidence } from '../../src/knowledge/ocr/tesseract-confidence.ts';

/** The pure parts of the new readers, on small hand-written inputs. */

const PORTAL_PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Cổng thông tin điện tử tỉnh Quảng Ninh</title>
<script>var menu = "<p>Trang chủ</p>";</script><style>p { color: red }</style></head>
<body>
<div id="header"><ul class="main-menu"><li>Trang chủ<li>Giới thiệu<li>Tin tức</ul></div>
<div class="breadcrumb">Trang chủ &gt; Văn bản</div>
<div class="left-sidebar"><ul><li>Liên kết website</li></ul></div>
<div class="news-detail">
  <h1>Kế hoạch ứng dụng CNTT năm 2019</h1>
  <table><tr><td>ỦY BAN NHÂN DÂN<br>TỈNH QUẢNG NINH</td><td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</td></tr>
  <tr><td>Số: 328/KH-UBND</td><td>Quảng Ninh, ng&agrave;y 15 th&aacute;ng 5 n&#259;m 2019</td></tr></table>
  <p>Mục tiêu: 100% văn bản được trao đổi dưới dạng điện tử;<p>45% dịch vụ công trực tuyến đạt mức độ 4.</p>
  <div class="share-buttons">Chia sẻ Facebook</div>
</div>
<div class="tin-khac"><h3>Tin khác</h3><ul><li><a href="#">Hội nghị tổng kết năm 2018</a></li></ul></div>
<!-- <p>một chú thích</p> -->
<div id="footer">Bản quyền © Cổng thông tin điện tử tỉnh Quảng Ninh</div>
</body></html>`;

describe('htmlText', () => {
  it('keeps the article of a portal page and drops menus, breadcrumbs, sidebars, sharing, "tin khác" and footers', () => {
    const text = htmlText(PORTAL_PAGE);
    expect(text.split('\n')).toEqual([
      'Kế hoạch ứng dụng CNTT năm 2019',
      '',
      'ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Số: 328/KH-UBND | Quảng Ninh, ngày 15 tháng 5 năm 2019',
      '',
      'Mục tiêu: 100% văn bản được trao đổi dưới dạng điện tử;',
      '',
      '45% dịch vụ công trực tuyến đạt mức độ 4.',
    ]);
  });

  it('reads the whole body when no block is marked as content', () => {
    expect(htmlText('<p>Điều 1. Phê duyệt</p><p>Điều 2. Thi hành</p>')).toBe('Điều 1. Phê duyệt\n\nĐiều 2. Thi hành');
  });

  it('decodes named, decimal and hexadecimal entities into NFC', () => {
    expect(htmlText('<p>Quy&#7871;t &#x111;&#7883;nh &ocirc; &Ecirc; &amp; &nbsp;x</p>')).toBe('Quyết định ô Ê & x');
  });

  it('finds the declared charset, UTF-8 by default', () => {
    expect(htmlCharset(Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'))).toBe(
      'windows-1258',
    );
    expect(htmlCharset(Buffer.from('<html><body>x</body></html>'))).toBe('utf-8');
    expect(htmlCharset(Buffer.from('<meta charset="khong-co-that">'))).toBe('utf-8');
  });
});

describe('rtfText', () => {
  it('decodes \\u escapes (skipping their fallback) and skips the font table and \\* destinations', () => {
    const rtf =
      '{\\rtf1\\ansi\\ansicpg1252\\uc1{\\fonttbl{\\f0 Times New Roman;}}{\\*\\generator Word;}' +
      '{\\info{\\author Nguy\\u7877?n}}S\\u7889?: 14/2011/Q\\u272?-UBND\\par ' +
      'B\\u7855?c Ninh, ng\\u224?y 30 th\\u225?ng 01 n\\u259?m 2011\\cell C\\u7896?NG H\\u210?A\\cell\\row}';
    expect(rtfText(rtf)).toBe('Số: 14/2011/QĐ-UBND\nBắc Ninh, ngày 30 tháng 01 năm 2011 | CỘNG HÒA |');
  });

  it("decodes \\'hh bytes in the document's code page (1258, with combining tone marks) into NFC", () => {
    // "Quyết định" in Windows-1258: ê (EA) + combining acute (EC), đ (F0), i + combining dot below (F2).
    expect(rtfText("{\\rtf1\\ansi\\ansicpg1258 Quy\\'ea\\'ect \\'f0i\\'f2nh}")).toBe('Quyết định');
  });
});

describe('tidyAntiwordText', () => {
  it('turns antiword table rows into cells separated by " | "', () => {
    const raw = [
      '',
      '|ỦY BAN NHÂN DÂN        |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM     |',
      '|Số: 14/2011/QĐ-UBND    |Bắc Ninh, ngày 30 tháng 01 năm 2011     |',
      '',
      '[pic]',
      'QUYẾT ĐỊNH',
    ].join('\n');
    expect(tidyAntiwordText(raw)).toBe(
      'ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 14/2011/QĐ-UBND | Bắc Ninh, ngày 30 tháng 01 năm 2011\n\nQUYẾT ĐỊNH',
    );
  });
});

describe('readImageHeader', () => {
  it('reads the kind and size of PNG and JPEG images from their first bytes', () => {
    const png = Buffer.alloc(24);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
    png.writeUInt32BE(2480, 16);
    png.writeUInt32BE(3508, 20);
    expect(readImageHeader(png)).toEqual({ kind: 'png', width: 2480, height: 3508 });
    // SOI, an APP0 segment of 4 bytes, then SOF0 with height 1754 and width 1240.
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x06, 0xda, 0x04, 0xd8, 0x03,
    ]);
    expect(readImageHeader(jpeg)).toEqual({ kind: 'jpeg', width: 1240, height: 1754 });
    expect(readImageHeader(Buffer.from('II*\u0000rest', 'latin1'))).toEqual({
      kind: 'tiff',
      width: null,
      height: null,
    });
  });

  it('knows no image in text or a truncated header', () => {
    expect(readImageHeader(Buffer.from('đây không phải ảnh'))).toBeNull();
    expect(readImageHeader(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBeNull();
  });
});

describe('wordConfidence', () => {
  it("averages the words' confidences, ignoring layout rows and blank words", () => {
    const tsv = [
      'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
      '1\t1\t0\t0\t0\t0\t0\t0\t2480\t3509\t-1\t',
      '5\t1\t1\t1\t1\t1\t371\t153\t67\t49\t96.5\tỦY',
      '5\t1\t1\t1\t1\t2\t455\t168\t103\t36\t52.5\t14/2011/QĐ-UBND',
      '5\t1\t1\t1\t1\t3\t455\t168\t103\t36\t95\t ',
    ].join('\n');
    expect(wordConfidence(tsv)).toEqual({ mean: 74.5, words: 2 });
    expect(wordConfidence('level\n')).toEqual({ mean: null, words: 0 });
  });
});
