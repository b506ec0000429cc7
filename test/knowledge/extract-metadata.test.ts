import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DocumentMetadata } from '../../src/knowledge/document.ts';
import { extractMetadata } from '../../src/knowledge/extract-metadata.ts';

const seed = (name: string): string => readFileSync(new URL(`../../seeds/${name}`, import.meta.url), 'utf8');

type Expected = Pick<DocumentMetadata, 'number' | 'date' | 'province' | 'type' | 'issuer'>;

interface Case {
  name: string;
  text: string;
  /** Every one of these keys is checked; null means the key must be absent. */
  expected: Expected;
  title?: string;
  /** A warning containing each of these must be given; no warnings at all when the list is empty. */
  warnings?: string[];
}

function check({ text, expected, title, warnings }: Case): void {
  const { metadata, warnings: given } = extractMetadata(text);
  const read = Object.fromEntries(Object.keys(expected).map((key) => [key, metadata[key as keyof Expected] ?? null]));
  expect(read).toEqual(expected);
  if (title !== undefined) expect(metadata.title).toBe(title);
  if (warnings?.length === 0) expect(given).toEqual([]);
  for (const warning of warnings ?? [])
    expect(
      given.some((w) => w.includes(warning)),
      `${warning} in ${given.join(' | ')}`,
    ).toBe(true);
}

const seeds: Case[] = [
  {
    name: 'Hà Tĩnh: own 4086/QĐ-UBND, not the replaced 590/QĐ-UBND, nor the 9/6/2013 page stamp',
    text: seed('000_b853f883d6733d89.txt'),
    expected: {
      number: '4086/QĐ-UBND',
      date: '2012-12-28',
      province: 'Hà Tĩnh',
      type: 'Quyết định',
      issuer: 'UBND tỉnh Hà Tĩnh',
    },
    title: 'Phê duyệt điều chỉnh Quy hoạch phát triển CNTT đến năm 2020',
    warnings: [],
  },
  {
    name: 'Thừa Thiên Huế: a plan with no number of its own, implementing 36-NQ/TW',
    text: seed('001_4c57b24fbf32733b.txt'),
    expected: {
      number: null,
      date: null,
      province: 'Thừa Thiên Huế',
      type: 'Kế hoạch',
      issuer: 'UBND tỉnh Thừa Thiên Huế',
    },
    title:
      'Thực hiện Nghị quyết số 36-NQ/TW ngày 01/7/2014 của Bộ Chính trị về đẩy mạnh ứng dụng, phát triển công nghệ thông tin đáp ứng yêu cầu phát triển bền vững và hội nhập quốc tế',
    warnings: ['không tìm thấy số hiệu'],
  },
  {
    name: 'Quảng Bình: own 2972/QĐ-UBND, not 36a/NQ-CP, 16/CT-TTg or 86/2015/QH13',
    text: seed('002_f79e1a888f6782dc.txt'),
    expected: {
      number: '2972/QĐ-UBND',
      date: '2017-08-24',
      province: 'Quảng Bình',
      type: 'Quyết định',
      issuer: 'UBND tỉnh Quảng Bình',
    },
    title: 'Phê duyệt quy hoạch phát triển công nghệ thông tin tỉnh Quảng Bình đến năm 2025 và định hướng đến năm 2035',
    warnings: [],
  },
  {
    name: 'Bạc Liêu: signed by the chairman, US-order page stamp 4/18/2013 ignored',
    text: seed('003_f87414b629539ce1.txt'),
    expected: {
      number: '635/QĐ-UBND',
      date: '2013-03-27',
      province: 'Bạc Liêu',
      type: 'Quyết định',
      issuer: 'UBND tỉnh Bạc Liêu',
    },
    title:
      'Ban hành Kế hoạch thực hiện Đề án “Đưa Việt Nam sớm trở thành nước mạnh về công nghệ thông tin và truyền thông” giai đoạn 2013-2015 trên địa bàn tỉnh Bạc Liêu',
    warnings: [],
  },
  {
    name: 'Lâm Đồng: resolution 16 of the standing committee; 07/10/2008 is the day of a meeting',
    text: seed('004_65e474cca64702da.txt'),
    expected: {
      number: '16',
      date: null,
      province: 'Lâm Đồng',
      type: 'Nghị quyết',
      issuer: 'Ban Thường vụ Tỉnh ủy Lâm Đồng',
    },
    title: 'Phát triển và ứng dụng công nghệ thông tin (CNTT) giai đoạn 2008-2010 và định hướng đến năm 2020',
    warnings: ['thiếu phần ký hiệu', 'không tìm thấy ngày ban hành'],
  },
];

const official: Case[] = [
  {
    name: 'Bắc Ninh, header in two columns one under the other',
    text: `ỦY BAN NHÂN DÂN
TỈNH BẮC NINH
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Số: 14/2011/QĐ-UBND
Bắc Ninh, ngày 30 tháng 01 năm 2011

QUYẾT ĐỊNH
VỀ VIỆC BAN HÀNH QUY HOẠCH PHÁT TRIỂN CÔNG NGHỆ THÔNG TIN TỈNH BẮC NINH ĐẾN NĂM 2020
ỦY BAN NHÂN DÂN TỈNH BẮC NINH
Căn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003;
Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2009 của Thủ tướng Chính phủ phê duyệt Chương trình quốc gia về ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước giai đoạn 2011 - 2015;
Xét đề nghị của Sở Thông tin và Truyền thông tại Tờ trình số 12/TTr-STTTT ngày 10/01/2011,
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy hoạch phát triển công nghệ thông tin tỉnh Bắc Ninh đến năm 2020.`,
    expected: {
      number: '14/2011/QĐ-UBND',
      date: '2011-01-30',
      province: 'Bắc Ninh',
      type: 'Quyết định',
      issuer: 'UBND tỉnh Bắc Ninh',
    },
    title: 'Ban hành quy hoạch phát triển công nghệ thông tin tỉnh Bắc Ninh đến năm 2020',
    warnings: [],
  },
  {
    name: 'Đà Nẵng, header columns flattened into table rows',
    text: `| ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc |
|---|---|
| Số: 7303/QĐ-UBND | Đà Nẵng, ngày 21 tháng 10 năm 2013 |

QUYẾT ĐỊNH
Về việc phê duyệt Kế hoạch ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước thành phố Đà Nẵng năm 2014

CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG

Căn cứ Luật Tổ chức HĐND và UBND ngày 26 tháng 11 năm 2003;
Căn cứ Nghị định số 64/2007/NĐ-CP ngày 10 tháng 4 năm 2007 của Chính phủ về ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước;
Xét đề nghị của Giám đốc Sở Thông tin và Truyền thông tại Tờ trình số 812/TTr-STTTT ngày 08 tháng 10 năm 2013,`,
    expected: {
      number: '7303/QĐ-UBND',
      date: '2013-10-21',
      province: 'Đà Nẵng',
      type: 'Quyết định',
      issuer: 'UBND thành phố Đà Nẵng',
    },
    title:
      'Phê duyệt Kế hoạch ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước thành phố Đà Nẵng năm 2014',
    warnings: [],
  },
  {
    name: 'Đà Nẵng, columns side by side with spaces, number and place-date on one line',
    text: `ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
THÀNH PHỐ ĐÀ NẴNG                    Độc lập - Tự do - Hạnh phúc
Số: 7303/QĐ-UBND    Đà Nẵng, ngày 21 tháng 10 năm 2013

QUYẾT ĐỊNH
Về việc phê duyệt Kế hoạch ứng dụng công nghệ thông tin năm 2014`,
    expected: {
      number: '7303/QĐ-UBND',
      date: '2013-10-21',
      province: 'Đà Nẵng',
      type: 'Quyết định',
      issuer: 'UBND thành phố Đà Nẵng',
    },
    title: 'Phê duyệt Kế hoạch ứng dụng công nghệ thông tin năm 2014',
    warnings: [],
  },
  {
    name: 'Quảng Ninh plan, abbreviated "UBND TỈNH" header, body implementing central documents',
    text: `UBND TỈNH QUẢNG NINH
-------
Số: 328/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Quảng Ninh, ngày 15 tháng 01 năm 2020

KẾ HOẠCH
Ứng dụng công nghệ thông tin, phát triển chính quyền điện tử tỉnh Quảng Ninh năm 2020

Thực hiện Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ về một số nhiệm vụ, giải pháp trọng tâm phát triển Chính phủ điện tử giai đoạn 2019 - 2020, định hướng đến 2025; Quyết định số 1819/QĐ-TTg ngày 26/10/2015 của Thủ tướng Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch ứng dụng công nghệ thông tin năm 2020 như sau:
I. MỤC ĐÍCH, YÊU CẦU`,
    expected: {
      number: '328/KH-UBND',
      date: '2020-01-15',
      province: 'Quảng Ninh',
      type: 'Kế hoạch',
      issuer: 'UBND tỉnh Quảng Ninh',
    },
    title: 'Ứng dụng công nghệ thông tin, phát triển chính quyền điện tử tỉnh Quảng Ninh năm 2020',
    warnings: [],
  },
  {
    name: 'Hà Giang resolution of the provincial council, "Số" without colon',
    text: `HỘI ĐỒNG NHÂN DÂN
TỈNH HÀ GIANG
--------
Số 15/2012/NQ-HĐND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
----------------
Hà Giang, ngày 12 tháng 7 năm 2012

NGHỊ QUYẾT
VỀ VIỆC THÔNG QUA QUY HOẠCH PHÁT TRIỂN CÔNG NGHỆ THÔNG TIN
TỈNH HÀ GIANG ĐẾN NĂM 2020

HỘI ĐỒNG NHÂN DÂN TỈNH HÀ GIANG
KHÓA XVI - KỲ HỌP THỨ NĂM

Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;
Căn cứ Luật Công nghệ thông tin số 67/2006/QH11 ngày 29 tháng 6 năm 2006;
Xét Tờ trình số 74/TTr-UBND ngày 15 tháng 6 năm 2012 của Ủy ban nhân dân tỉnh Hà Giang,`,
    expected: {
      number: '15/2012/NQ-HĐND',
      date: '2012-07-12',
      province: 'Hà Giang',
      type: 'Nghị quyết',
      issuer: 'HĐND tỉnh Hà Giang',
    },
    title: 'Thông qua quy hoạch phát triển công nghệ thông tin tỉnh Hà Giang đến năm 2020',
    warnings: [],
  },
  {
    name: 'Thái Nguyên, header split across lines ("Số:" / number, "tháng 10" / "năm 2014")',
    text: `ỦY BAN NHÂN DÂN
TỈNH THÁI NGUYÊN
Số:
45/2014/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Thái Nguyên, ngày 20 tháng 10
năm 2014
QUYẾT ĐỊNH
Ban hành Quy chế quản lý, vận hành và sử dụng Mạng truyền số liệu chuyên dùng
trên địa bàn tỉnh Thái Nguyên
ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN`,
    expected: {
      number: '45/2014/QĐ-UBND',
      date: '2014-10-20',
      province: 'Thái Nguyên',
      type: 'Quyết định',
      issuer: 'UBND tỉnh Thái Nguyên',
    },
    title:
      'Ban hành Quy chế quản lý, vận hành và sử dụng Mạng truyền số liệu chuyên dùng trên địa bàn tỉnh Thái Nguyên',
    warnings: [],
  },
  {
    name: 'Bình Dương, the whole text in capitals',
    text: `ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỐ: 42/2016/QĐ-UBND    ĐỘC LẬP - TỰ DO - HẠNH PHÚC
BÌNH DƯƠNG, NGÀY 05 THÁNG 12 NĂM 2016
QUYẾT ĐỊNH
VỀ VIỆC BAN HÀNH QUY CHẾ QUẢN LÝ, VẬN HÀNH CỔNG THÔNG TIN ĐIỆN TỬ TỈNH BÌNH DƯƠNG
ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG
CĂN CỨ LUẬT TỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG NGÀY 19 THÁNG 6 NĂM 2015;
CĂN CỨ NGHỊ ĐỊNH SỐ 43/2011/NĐ-CP NGÀY 13 THÁNG 6 NĂM 2011 CỦA CHÍNH PHỦ QUY ĐỊNH VỀ VIỆC CUNG CẤP THÔNG TIN VÀ DỊCH VỤ CÔNG TRỰC TUYẾN;`,
    expected: {
      number: '42/2016/QĐ-UBND',
      date: '2016-12-05',
      province: 'Bình Dương',
      type: 'Quyết định',
      issuer: 'UBND tỉnh Bình Dương',
    },
    title: 'Ban hành quy chế quản lý, vận hành cổng thông tin điện tử tỉnh Bình Dương',
    warnings: [],
  },
  {
    name: 'Khánh Hòa in NFD with the "Hoà" tone placement',
    text: `ỦY BAN NHÂN DÂN
TỈNH KHÁNH HOÀ
CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 2860/QĐ-UBND
Khánh Hoà, ngày 30 tháng 9 năm 2019

QUYẾT ĐỊNH
Về việc phê duyệt Kiến trúc Chính quyền điện tử tỉnh Khánh Hoà, phiên bản 2.0`.normalize('NFD'),
    expected: {
      number: '2860/QĐ-UBND',
      date: '2019-09-30',
      province: 'Khánh Hòa',
      type: 'Quyết định',
      issuer: 'UBND tỉnh Khánh Hòa',
    },
    title: 'Phê duyệt Kiến trúc Chính quyền điện tử tỉnh Khánh Hòa, phiên bản 2.0',
    warnings: [],
  },
  {
    name: 'Nghệ An: only "Căn cứ" references carry numbers',
    text: `ỦY BAN NHÂN DÂN
TỈNH NGHỆ AN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Nghệ An, ngày 10 tháng 5 năm 2018

QUYẾT ĐỊNH
Về việc ban hành Kế hoạch ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước tỉnh Nghệ An năm 2018

ỦY BAN NHÂN DÂN TỈNH NGHỆ AN
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;
Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13 ngày 22/6/2015;
Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa;
Căn cứ Quyết định số 125/QĐ-UBND ngày 12/01/2017 của UBND tỉnh Nghệ An về Kiến trúc Chính quyền điện tử tỉnh Nghệ An;`,
    expected: {
      number: null,
      date: '2018-05-10',
      province: 'Nghệ An',
      type: 'Quyết định',
      issuer: 'UBND tỉnh Nghệ An',
    },
    title: 'Ban hành Kế hoạch ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước tỉnh Nghệ An năm 2018',
    warnings: ['không tìm thấy số hiệu'],
  },
  {
    name: 'a draft whose number is left blank',
    text: `ỦY BAN NHÂN DÂN
TỈNH LONG AN
Số:       /QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Long An, ngày      tháng 6 năm 2021

QUYẾT ĐỊNH
Về việc ban hành Kế hoạch chuyển đổi số tỉnh Long An năm 2021`,
    expected: { number: null, date: null, province: 'Long An', type: 'Quyết định', issuer: 'UBND tỉnh Long An' },
    warnings: ['để trống', 'không tìm thấy ngày ban hành'],
  },
  {
    name: 'Hà Nội directive (Chỉ thị), city header',
    text: `ỦY BAN NHÂN DÂN
THÀNH PHỐ HÀ NỘI
--------
Số: 21/CT-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
Hà Nội, ngày 13 tháng 11 năm 2019

CHỈ THỊ
Về việc đẩy mạnh ứng dụng công nghệ thông tin, xây dựng chính quyền điện tử thành phố Hà Nội

Thời gian qua, việc ứng dụng công nghệ thông tin trong hoạt động của các cơ quan nhà nước Thành phố đã đạt được nhiều kết quả.`,
    expected: {
      number: '21/CT-UBND',
      date: '2019-11-13',
      province: 'Hà Nội',
      type: 'Chỉ thị',
      issuer: 'UBND thành phố Hà Nội',
    },
    title: 'Đẩy mạnh ứng dụng công nghệ thông tin, xây dựng chính quyền điện tử thành phố Hà Nội',
    warnings: [],
  },
  {
    name: 'Quảng Ninh party resolution: header "TỈNH ỦY", heading names the standing committee',
    text: `TỈNH ỦY QUẢNG NINH
*
Số 09-NQ/TU
ĐẢNG CỘNG SẢN VIỆT NAM
Quảng Ninh, ngày 05 tháng 12 năm 2016

NGHỊ QUYẾT
CỦA BAN THƯỜNG VỤ TỈNH ỦY
về xây dựng chính quyền điện tử tỉnh Quảng Ninh đến năm 2020

Thực hiện Nghị quyết số 36-NQ/TW ngày 01/7/2014 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy ban hành Nghị quyết như sau:`,
    expected: {
      number: '09-NQ/TU',
      date: '2016-12-05',
      province: 'Quảng Ninh',
      type: 'Nghị quyết',
      issuer: 'Ban Thường vụ Tỉnh ủy Quảng Ninh',
    },
    title: 'Xây dựng chính quyền điện tử tỉnh Quảng Ninh đến năm 2020',
    warnings: [],
  },
  {
    name: 'Hà Tĩnh header: "ngày 28 tháng 12, năm 2012", spaces around the slash, "V/v" title',
    text: `UBND TỈNH HÀ TĨNH
Số: 4086 / QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Hà Tĩnh, ngày 28 tháng 12, năm 2012

QUYẾT ĐỊNH
V/v phê duyệt điều chỉnh Quy hoạch phát triển CNTT tỉnh Hà Tĩnh đến năm 2020

Quyết định này thay thế Quyết định số 590/QĐ-UBND ngày 01/3/2007 của UBND tỉnh Hà Tĩnh.`,
    expected: {
      number: '4086/QĐ-UBND',
      date: '2012-12-28',
      province: 'Hà Tĩnh',
      type: 'Quyết định',
      issuer: 'UBND tỉnh Hà Tĩnh',
    },
    title: 'Phê duyệt điều chỉnh Quy hoạch phát triển CNTT tỉnh Hà Tĩnh đến năm 2020',
    warnings: [],
  },
  {
    name: 'Vĩnh Phúc converted from DOCX to Markdown, bold and italic header, CRLF line ends',
    text: [
      '**ỦY BAN NHÂN DÂN**',
      '**TỈNH VĨNH PHÚC**',
      '',
      '**Số 3120/QĐ-UBND**',
      '',
      '*Vĩnh Phúc, ngày 25 tháng 11 năm 2016*',
      '',
      '# QUYẾT ĐỊNH',
      '',
      '**Phê duyệt Đề án xây dựng Chính quyền điện tử tỉnh Vĩnh Phúc giai đoạn 2016-2020**',
      '',
      '**CHỦ TỊCH UBND TỈNH VĨNH PHÚC**',
    ].join('\r\n'),
    expected: {
      number: '3120/QĐ-UBND',
      date: '2016-11-25',
      province: 'Vĩnh Phúc',
      type: 'Quyết định',
      issuer: 'UBND tỉnh Vĩnh Phúc',
    },
    title: 'Phê duyệt Đề án xây dựng Chính quyền điện tử tỉnh Vĩnh Phúc giai đoạn 2016-2020',
    warnings: [],
  },
  {
    name: 'Đồng Tháp department plan, columns interleaved as PDF text extraction leaves them',
    text: `UBND TỈNH ĐỒNG THÁP CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
SỞ THÔNG TIN VÀ TRUYỀN THÔNG Độc lập - Tự do - Hạnh phúc
Số: 123/KH-STTTT Đồng Tháp, ngày 03/02/2020
KẾ HOẠCH
Tuyên truyền về chuyển đổi số trên địa bàn tỉnh năm 2020`,
    expected: {
      number: '123/KH-STTTT',
      date: '2020-02-03',
      province: 'Đồng Tháp',
      type: 'Kế hoạch',
      issuer: 'Sở Thông tin và Truyền thông tỉnh Đồng Tháp',
    },
    title: 'Tuyên truyền về chuyển đổi số trên địa bàn tỉnh năm 2020',
    warnings: [],
  },
];

const news: Case[] = [
  {
    name: 'unaccented news text',
    text: 'Ngay 28/12/2012, UBND tinh Ha Tinh da ban hanh Quyet dinh so 4086/QD-UBND ve viec phe duyet dieu chinh Quy hoach phat trien CNTT den nam 2020.',
    expected: {
      number: '4086/QD-UBND',
      date: '2012-12-28',
      province: 'Hà Tĩnh',
      type: 'Quyết định',
      issuer: 'UBND tỉnh Hà Tĩnh',
    },
    title: 'Phe duyet dieu chinh Quy hoach phat trien CNTT den nam 2020',
    warnings: [],
  },
  {
    name: 'page stamp only: the decision date stays unknown',
    text: `UBND tỉnh Hà Tĩnh ban hành Kế hoạch ứng dụng CNTT

9/6/2013 11:02:15 AM

UBND tỉnh Hà Tĩnh vừa ban hành Kế hoạch số 1234/KH-UBND về ứng dụng công nghệ thông tin năm 2013.`,
    expected: {
      number: '1234/KH-UBND',
      date: null,
      province: 'Hà Tĩnh',
      type: 'Kế hoạch',
      issuer: 'UBND tỉnh Hà Tĩnh',
    },
    title: 'Ứng dụng công nghệ thông tin năm 2013',
    warnings: ['không tìm thấy ngày ban hành'],
  },
  {
    name: 'number followed by its date; a different lead-in date competes',
    text: 'Ngày 27/3/2013, Chủ tịch UBND tỉnh Bạc Liêu ký Quyết định số 635/QĐ-UBND ngày 28/3/2013 ban hành Kế hoạch ứng dụng CNTT.',
    expected: {
      number: '635/QĐ-UBND',
      date: '2013-03-28',
      province: 'Bạc Liêu',
      type: 'Quyết định',
      issuer: 'UBND tỉnh Bạc Liêu',
    },
    warnings: ['chưa xác định chắc ngày ban hành'],
  },
  {
    name: 'two decisions issued in one item: the first wins, with a warning',
    text: 'Ngày 10/01/2019, UBND tỉnh Phú Thọ ban hành Quyết định số 52/QĐ-UBND về Kiến trúc Chính quyền điện tử. Cùng ngày, UBND tỉnh cũng ban hành Quyết định số 53/QĐ-UBND về Kế hoạch ứng dụng CNTT năm 2019.',
    expected: {
      number: '52/QĐ-UBND',
      date: '2019-01-10',
      province: 'Phú Thọ',
      type: 'Quyết định',
      issuer: 'UBND tỉnh Phú Thọ',
    },
    title: 'Kiến trúc Chính quyền điện tử',
    warnings: ['có nhiều số hiệu'],
  },
  {
    name: 'a provincial council resolution passed at a session',
    text: 'Tại kỳ họp thứ 5, ngày 12/7/2012, HĐND tỉnh Hà Giang đã thông qua Nghị quyết số 15/2012/NQ-HĐND về Quy hoạch phát triển CNTT tỉnh Hà Giang đến năm 2020.',
    expected: {
      number: '15/2012/NQ-HĐND',
      date: '2012-07-12',
      province: 'Hà Giang',
      type: 'Nghị quyết',
      issuer: 'HĐND tỉnh Hà Giang',
    },
    title: 'Quy hoạch phát triển CNTT tỉnh Hà Giang đến năm 2020',
    warnings: [],
  },
  {
    name: '"Theo đó" does not make the next number a citation',
    text: 'Theo đó, UBND tỉnh Kon Tum đã ban hành Kế hoạch số 2150/KH-UBND ngày 05/8/2020 về chuyển đổi số tỉnh Kon Tum năm 2020.',
    expected: {
      number: '2150/KH-UBND',
      date: '2020-08-05',
      province: 'Kon Tum',
      type: 'Kế hoạch',
      issuer: 'UBND tỉnh Kon Tum',
    },
    title: 'Chuyển đổi số tỉnh Kon Tum năm 2020',
    warnings: [],
  },
  {
    name: "a plan implementing a central resolution: the resolution's date is not the plan's",
    text: 'Thực hiện Nghị quyết số 36-NQ/TW ngày 01/7/2014 của Bộ Chính trị, UBND tỉnh Hà Nam đã ban hành Kế hoạch số 123/KH-UBND về ứng dụng CNTT.',
    expected: { number: '123/KH-UBND', date: null, province: 'Hà Nam', type: 'Kế hoạch', issuer: 'UBND tỉnh Hà Nam' },
    title: 'Ứng dụng CNTT',
    warnings: ['không tìm thấy ngày ban hành'],
  },
];

/**
 * What Tesseract makes of a two-column official header: the columns merged line by line, capitals with a
 * wrong tone mark, "QD" or "QÐ" (eth) for "QĐ", "S6:" for "Số:", letters among the digits, specks as marks.
 */
const OCR_BODY = [
  'QUYẾT ĐỊNH',
  'Về việc phê duyệt Quy hoạch phát triển công nghệ thông tin tỉnh Bắc Ninh đến năm 2015',
  '',
  'ỦY BAN NHÂN DÂN TỈNH BẮC NINH',
  'Căn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003;',
  'Điều 2. Mục tiêu: 80% văn bản được trao đổi dưới dạng điện tử.',
].join('\n');
const ocrHeader = (numberLine: string, top = 'ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'): string =>
  `${top}\nTỈNH BẮC NINH Độc lập - Tự do - Hạnh phúc\n${numberLine}\n${OCR_BODY}`;
const BAC_NINH_14: Expected = {
  number: '14/2011/QĐ-UBND',
  date: '2011-01-30',
  province: 'Bắc Ninh',
  type: 'Quyết định',
  issuer: 'UBND tỉnh Bắc Ninh',
};
const ocrCase = (name: string, text: string): Case => ({
  name,
  text,
  expected: BAC_NINH_14,
  title: 'Phê duyệt Quy hoạch phát triển công nghệ thông tin tỉnh Bắc Ninh đến năm 2015',
  warnings: [],
});

const ocr: Case[] = [
  ocrCase('merged two-column lines', ocrHeader('Số: 14/2011/QĐ-UBND Bắc Ninh, ngày 30 tháng 01 năm 2011')),
  ocrCase(
    '"ÚY BAN", "TÍNH" and "CỘNG HOÀ": misread tone marks on capitals',
    ocrHeader(
      'Số: 14/2011/QĐ-UBND Bắc Ninh, ngày 30 tháng 01 năm 2011',
      'ÚY BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    ).replace('TỈNH BẮC', 'TÍNH BẮC'),
  ),
  ocrCase(
    '"QD" for "QĐ" in a text with its diacritics',
    ocrHeader('Số: 14/2011/QD-UBND Bắc Ninh, ngày 30 tháng 01 năm 2011'),
  ),
  ocrCase('"QÐ" written with an eth', ocrHeader('Số: 14/2011/QÐ-UBND Bắc Ninh, ngày 30 tháng 01 năm 2011')),
  ocrCase(
    'a space after the dash of the symbol',
    ocrHeader('Số: 14/2011/QĐ- UBND Bắc Ninh, ngày 30 tháng 01 năm 2011'),
  ),
  ocrCase('"S6:" for "Số:"', ocrHeader('S6: 14/2011/QĐ-UBND Bắc Ninh, ngày 30 tháng 01 năm 2011')),
  ocrCase(
    'stray marks around the number and a rule under the header',
    ocrHeader("—————— ‘ ——————\nSố:. 14/2011/QĐ-UBND ' Bắc Ninh, ngày 30 tháng 01 năm 2011 ."),
  ),
  ocrCase(
    'a speck read as a line of its own between the heading and the title',
    ocrHeader('Số: 14/2011/QĐ-UBND Bắc Ninh, ngày 30 tháng 01 năm 2011').replace(
      'QUYẾT ĐỊNH\n',
      'QUYẾT ĐỊNH\n\n.?\n\n',
    ),
  ),
  ocrCase('letters among the digits of the date', ocrHeader('Số: 14/2011/QĐ-UBND Bắc Ninh, ngày 3O tháng 0l năm 2O11')),
  ocrCase(
    'a misread place name and date words',
    ocrHeader('Số: 14/2011/QĐ-UBND Bác Ninh, ngảy 30 thảng 01 nằm 2011').replace('TỈNH BẮC', 'TỈNH BÁC'),
  ),
];

describe('extractMetadata', () => {
  describe('the five seed documents', () => {
    it.each(seeds)('$name', check);
  });
  describe('official headers', () => {
    it.each(official)('$name', check);
  });
  describe('news items', () => {
    it.each(news)('$name', check);
  });
  describe('OCR output of an official header', () => {
    it.each(ocr)('$name', check);
  });

  it('returns the number in NFC, as written', () => {
    const { metadata } = extractMetadata('Số: 14/2011/QĐ-UBND\nBắc Ninh, ngày 30 tháng 01 năm 2011'.normalize('NFD'));
    expect(metadata.number).toBe('14/2011/QĐ-UBND');
    expect(metadata.number!.normalize('NFC')).toBe(metadata.number);
  });

  it('keeps "QD" in a text typed without diacritics, where it is how the writer spells it', () => {
    expect(
      extractMetadata('Ngay 28/12/2012, UBND tinh Ha Tinh ban hanh Quyet dinh so 4086/QD-UBND.').metadata.number,
    ).toBe('4086/QD-UBND');
  });

  it('gives an empty text no metadata and says so', () => {
    const { metadata, warnings } = extractMetadata('');
    expect(metadata).toEqual({});
    expect(warnings).toEqual(
      expect.arrayContaining(['không tìm thấy số hiệu văn bản', 'không tìm thấy ngày ban hành']),
    );
  });
});
