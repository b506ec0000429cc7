/**
 * Government and IT abbreviations, so that a question written one way meets a passage written the other
 * ("dvc muc 4" ↔ "dịch vụ công … mức độ 4", "công nghệ thông tin" ↔ "CNTT"). Both sides are expanded to
 * the full form before indexing, which makes the match symmetric.
 *
 * Keys are folded (lower case, no diacritics); values are the full Vietnamese form.
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = Object.freeze({
  cntt: 'công nghệ thông tin',
  'cntt-tt': 'công nghệ thông tin và truyền thông',
  cntttt: 'công nghệ thông tin và truyền thông',
  'tt&tt': 'thông tin và truyền thông',
  tttt: 'thông tin và truyền thông',
  'tt-tt': 'thông tin và truyền thông',
  qd: 'quyết định',
  ubnd: 'ủy ban nhân dân',
  hdnd: 'hội đồng nhân dân',
  nq: 'nghị quyết',
  kh: 'kế hoạch',
  ct: 'chỉ thị',
  dv: 'dịch vụ',
  dvc: 'dịch vụ công',
  dvctt: 'dịch vụ công trực tuyến',
  dvhcc: 'dịch vụ hành chính công',
  cpdt: 'chính phủ điện tử',
  cqdt: 'chính quyền điện tử',
  ttdt: 'thông tin điện tử',
  cbccvc: 'cán bộ công chức viên chức',
  cbcc: 'cán bộ công chức',
  cb: 'cán bộ',
  tmdt: 'thương mại điện tử',
  khhgd: 'kế hoạch hóa gia đình',
  csdl: 'cơ sở dữ liệu',
  attt: 'an toàn thông tin',
  cchc: 'cải cách hành chính',
  tthc: 'thủ tục hành chính',
  hcc: 'hành chính công',
  cqnn: 'cơ quan nhà nước',
  cqhcnn: 'cơ quan hành chính nhà nước',
  dn: 'doanh nghiệp',
  vn: 'Việt Nam',
  'kt-xh': 'kinh tế xã hội',
  ktxh: 'kinh tế xã hội',
  gddt: 'giáo dục đào tạo',
  'gd-dt': 'giáo dục đào tạo',
  tp: 'thành phố',
  ttg: 'thủ tướng',
  tw: 'trung ương',
  vbdt: 'văn bản điện tử',
  cks: 'chữ ký số',
  btv: 'ban thường vụ',
  bchtw: 'ban chấp hành trung ương',
  vbqppl: 'văn bản quy phạm pháp luật',
});

/** Abbreviations as written in documents, longest first, for display ("CNTT" rather than "cntt"). */
export const ABBREVIATION_KEYS: readonly string[] = Object.keys(ABBREVIATIONS).sort((a, b) => b.length - a.length);
