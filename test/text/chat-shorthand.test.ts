import { describe, expect, it } from 'vitest';
import { expandChatShorthand } from '../../src/text/chat-shorthand.ts';

describe('expandChatShorthand', () => {
  it.each([
    // Teencode for the words a question turns on.
    ['QB bn % cbcc đc trang bị máy tính', 'QB bao nhiêu % cbcc được trang bị máy tính'],
    ['HT xd chính phủ đt tới cấp nào v ạ', 'HT xây dựng chính phủ điện tử tới cấp nào vậy ạ'],
    ['số đt của sở', 'số đt của sở'],
    ['DVC mức 3 bnh % nhé', 'DVC mức 3 bao nhiêu % nhé'],
    ['Bình Dương bnhieu doanh nghiệp CNTT', 'Bình Dương bao nhiêu doanh nghiệp CNTT'],
    ['tỉ lệ bn%', 'tỉ lệ bao nhiêu%'],
    ['k biết', 'không biết'],
    ['ko dc', 'không được'],
    ['Lâm Đồng có kế hoạch CNTT giai đoạn 2016-2020 hok?', 'Lâm Đồng có kế hoạch CNTT giai đoạn 2016-2020 không?'],
    ['khum có à', 'không có à'],
    ['kh biết nữa', 'không biết nữa'],
    ['tỉ lệ cán bộ dùng chữ ký số là 80% đúng hông', 'tỉ lệ cán bộ dùng chữ ký số là 80% đúng không'],
    ['hông biết HT có kh chuyển đổi số hông', 'không biết HT có kh chuyển đổi số không'],
    ['có dc hong', 'có được không'],
    ['chỉ tiêu 100% cơ quan có mạng LAN đc chưa', 'chỉ tiêu 100% cơ quan có mạng LAN được chưa'],
    ['Mục tiêu đến năm 2020 là j', 'Mục tiêu đến năm 2020 là gì'],
    ['ntn', 'như thế nào'],
    ['kh ứng dụng cntt HT ntn', 'kh ứng dụng cntt HT như thế nào'],
    ['so sánh HT vs QB về tỷ lệ dvc trực tuyến', 'so sánh HT với QB về tỷ lệ dvc trực tuyến'],
    ['mn có ai biết HT có CSDL dân cư chưa', 'mọi người có ai biết HT có CSDL dân cư chưa'],
    ['kế hoạch đó hết hiệu lực r à', 'kế hoạch đó hết hiệu lực rồi à'],
    ['HT đã có CSDL dân cư r hay chưa á', 'HT đã có CSDL dân cư rồi hay chưa á'],
    // "vậy" only where a question ends.
    ['HT có vb nào về chữ ký số chưa z', 'HT có vb nào về chữ ký số chưa vậy'],
    ['Mục tiêu đến năm 2020 là j v', 'Mục tiêu đến năm 2020 là gì vậy'],
    ['Bạc Liêu giờ thuộc tỉnh nào dzậy', 'Bạc Liêu giờ thuộc tỉnh nào vậy'],
    ['Bình Thuận nhập vào Lâm Đồng r hả zậy?', 'Bình Thuận nhập vào Lâm Đồng rồi hả vậy?'],
    ['HT bn % z? còn QB', 'HT bao nhiêu % vậy? còn QB'],
    ['HT z QB thì sao', 'HT z QB thì sao'],
    // The bot called, leave asked to ask, emoji: nothing of the question.
    ['ad oi HT chỉ tiêu văn bản trao đổi qua mạng bn % z 😅', 'HT chỉ tiêu văn bản trao đổi qua mạng bao nhiêu % vậy'],
    ['dc ko ad', 'được không'],
    ['QB bn % hộ gđ có ng bít xài cntt vậy ad', 'QB bao nhiêu % hộ gia đình có người biết sử dụng cntt vậy'],
    ['TTH cq nhà nc có mạng LAN hết k', 'TTH cơ quan nhà nước có mạng LAN hết không'],
    ['BL ngân sách đp chiếm bn % z mn', 'BL ngân sách địa phương chiếm bao nhiêu % vậy'],
    ['có chỉ tiêu này ko mọi người?', 'có chỉ tiêu này không?'],
    ['Ad ơi, Lâm Đồng có kế hoạch CNTT ko', 'Lâm Đồng có kế hoạch CNTT không'],
    ['Ad ơi! Cho mình hỏi chút, BL nay thuộc tỉnh nào vậy ạ?', 'BL nay thuộc tỉnh nào vậy ạ?'],
    ['ad cho em hỏi: văn bản này còn hiệu lực ko ạ', 'văn bản này còn hiệu lực không ạ'],
    ['ad ơi cho e hỏi là HT có bn xã', 'HT có bao nhiêu xã'],
    ['chào ad, HT có bn dịch vụ công mức 4', 'HT có bao nhiêu dịch vụ công mức 4'],
    [
      'cho mình hỏi kế hoạch ứng dụng cntt của Hà Tĩnh năm 2020 là j',
      'kế hoạch ứng dụng cntt của Hà Tĩnh năm 2020 là gì',
    ],
    ['cho em hỏi dvc mức 4 của BL đạt bn % ạ', 'dvc mức 4 của BL đạt bao nhiêu % ạ'],
    ['cho minh hoi ht co bn xa dat chuan ntn z', 'ht co bao nhiêu xa dat chuan như thế nào vậy'],
    ['mn ơi cho mình hỏi kế hoạch 328/KH-UBND ban hành ngày nào', 'kế hoạch 328/KH-UBND ban hành ngày nào'],
    ['mn cho hỏi kh số 12 của tỉnh TTH', 'kh số 12 của tỉnh TTH'],
    ['xin hỏi Đắk Nông giờ thuộc tỉnh nào', 'Đắk Nông giờ thuộc tỉnh nào'],
    [
      'nội dung DVC đc tích hợp lên cổng DVC quốc gia chưa bot ơi',
      'nội dung DVC được tích hợp lên cổng DVC quốc gia chưa',
    ],
    ['kinh phí đầu tư là 5tr hay 5 tỷ vậy ad 🙏', 'kinh phí đầu tư là 5 triệu hay 5 tỷ vậy'],
    ['chỉ tiêu 100% cơ quan có mạng LAN đc chưa 😍😍', 'chỉ tiêu 100% cơ quan có mạng LAN được chưa'],
    ['QĐ 4086/QĐ-UBND có hiệu lực từ ngày nào :)', 'QĐ 4086/QĐ-UBND có hiệu lực từ ngày nào'],
    ['^^ cho hỏi Đắk Nông giờ thuộc tỉnh nào', 'Đắk Nông giờ thuộc tỉnh nào'],
    ['HT có kế hoạch chuyển đổi số chưa :D', 'HT có kế hoạch chuyển đổi số chưa'],
    ['vậy😅nha', 'vậy nha'],
    // Millions after a number; thousands and tỷ stay.
    ['kinh phí 1,5tr/người', 'kinh phí 1,5 triệu/người'],
    ['tổng vốn 57,600 tỷ đồng', 'tổng vốn 57,600 tỷ đồng'],
  ])('%j → %j', (text, expected) => {
    expect(expandChatShorthand(text)).toBe(expected);
  });

  it.each([
    ['100k', 'a thousand after a number'],
    ['giá gói thầu 500k/tháng hả', 'a thousand, with a unit after it'],
    ['giá 100 k', 'a thousand after a space'],
    ['BN có kế hoạch gì về CNTT', 'capitals: Bắc Ninh'],
    ['HT CÓ KẾ HOẠCH KO', 'capitals: an initialism, or shouting'],
    ['web bị hong rồi', '"hong" as "hỏng"'],
    ['có kh số 12 năm 2021', '"kh" as kế hoạch'],
    ['Hà Tĩnh, Quảng Bình v.v... có kế hoạch không', '"v" not at the end of a question'],
    ['trang hatinh.gov.vn/ko có gì', 'inside an address'],
    ['Thông tư số 10/2016/TT-BTTTT', 'a document number'],
    ['liên hệ ad', 'the bot named, not called'],
    ['lúc 9:30 họp', 'a time, not an emoticon'],
    ['chào mừng ngày chuyển đổi số', 'a greeting word that is not a greeting'],
    ['Hà Tĩnh có kế hoạch gì không ạ', 'plain Vietnamese'],
    ['xin chào', 'nothing but a greeting'],
    ['ad ơi 🙏', 'nothing but a call'],
    ['', 'empty'],
  ])('%j stays as it is (%s)', (text) => {
    expect(expandChatShorthand(text)).toBe(text);
  });

  it.each([
    ['Ko biết HT có kế hoạch chuyển đổi số ko', 'Không biết HT có kế hoạch chuyển đổi số không'],
    ['Bn % xã có wifi miễn phí z', 'Bao nhiêu % xã có wifi miễn phí vậy'],
    ['K có à', 'Không có à'],
    ['HT có chưa. Ntn ạ', 'HT có chưa. Như thế nào ạ'],
  ])('%j → %j (capitalised at the start of a sentence)', (text, expected) => {
    expect(expandChatShorthand(text)).toBe(expected);
  });
});
