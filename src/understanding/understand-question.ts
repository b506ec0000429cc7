import { expandChatShorthand } from '../text/chat-shorthand.ts';
import { conceptPhrasesIn } from '../text/concept-phrases.ts';
import { askedIssuerKind, type IssuerKind } from '../text/issuer-kind.ts';
import { foldVietnamese, normalizeVietnamese } from '../text/normalize.ts';
import { findProvinceInitials, provinceInitials } from '../text/province-initials.ts';
import { formerUnitsOf } from '../text/province-units.ts';
import { findProvinceMentions, findProvinces, type ProvinceMention } from '../text/provinces.ts';
import { isUnigram, queryTerms, rewriteAccented, tokenize } from '../text/tokenize.ts';
import { spellYearsInDigits } from '../text/year-words.ts';
import { escapeRegExp } from '../util/escape-reg-exp.ts';
import { unique } from '../util/unique.ts';
import { type AnswerType, answerTypeOf } from './answer-type.ts';
import { questionParts } from './question-parts.ts';

/**
 * What a question asks, read with rules rather than a model so the offline bot needs nothing installed:
 * provinces and document numbers become filters, the rest becomes search terms, and a few patterns tell
 * a request for a date or number apart from a request for a figure.
 */
export type QuestionIntent =
  | 'fact'
  | 'issue-date'
  | 'document-number'
  | 'issuer'
  | 'implements'
  | 'overview'
  | 'catalogue'
  | 'list'
  | 'references'
  | 'summary'
  | 'timeline'
  | 'validity'
  | 'horizon'
  | 'latest'
  | 'greeting'
  | 'small-talk'
  | 'help'
  | 'reset';

export interface UnderstoodQuestion {
  /** NFC, canonical tones, trimmed. */
  text: string;
  intent: QuestionIntent;
  /** Canonical province names, in the order mentioned. */
  provinces: string[];
  /** Provinces named as they were before 2025 ("Quảng Trị cũ"): their own documents, not their unit's today. */
  formerOnly: string[];
  /** The questions the message asks when it asks two or three things, each answered on its own; else []. */
  parts: string[];
  /** Document numbers as written in the question ("4086/QĐ-UBND", or just "4086" after "quyết định"). */
  documentNumbers: string[];
  /** Numbers inside an instruction to the bot: used only when they are documents of ours, never refused on. */
  instructionNumbers: string[];
  years: number[];
  /** Search terms: the question without provinces, numbers, question words and claimed figures. */
  terms: string[];
  /** Terms that say what the question is about, beyond "quy hoạch CNTT"-type words. */
  topicTerms: string[];
  /** Compares provinces or asks which province ("tỉnh nào", "so sánh", two provinces named). */
  comparison: boolean;
  /** "… đúng không?", "có phải …": the answer should confirm or correct. */
  asksConfirmation: boolean;
  /** Figures the user asserts; never searched for and never repeated back. */
  claimedFigures: string[];
  /** Points back at what the conversation was about: "Quyết định đó…", "văn bản này". */
  refersBack: boolean;
  /** Leaves out what it asks, expecting it from the previous turn: "Còn Quảng Bình thì sao?", "thế còn mức 4?". */
  elliptical: boolean;
  /**
   * For "… A hoặc B": the terms only one side has, per side. A passage answering either side answers the
   * question, so coverage is also measured without the other side's terms.
   */
  alternatives: string[][];
  /** Contains an instruction to the bot ("bỏ qua hướng dẫn", "hãy nói rằng"). */
  instruction: boolean;
  /** What kind of value answers it ("bao nhiêu %" → a percentage), which a passage must hold to answer. */
  answerType: AnswerType | null;
  /** "Tỉnh nào cao nhất / cao hơn": the answer is the document whose figure is highest (or lowest). */
  superlative: 'max' | 'min' | null;
  /** "Văn bản cũ đó": the question is about the document the one in focus replaced. */
  aboutReplaced: boolean;
  /** "Văn bản nào thay thế nó?": asks what replaced the document, which only a newer document can say. */
  asksSuccessor: boolean;
  /**
   * "Năm đầu tiên", "năm cuối": a year of the plan's period by its place in it (0 the first, -1 the last),
   * which the document's period turns into a year.
   */
  periodYearIndex: number | null;
  /**
   * The period the question says a plan is for ("kế hoạch 635 giai đoạn 2016-2020 …", "đến năm 2030, tầm nhìn
   * 2045"): a premise to check, asked or not. A year a target is for ("đến năm 2020 đạt bao nhiêu %") is not.
   */
  assertedPeriodYears: number[];
  /** "Thực tế đã đạt được bao nhiêu?", "có thực sự vào top 10 không?": asks what was achieved, not planned. */
  asksOutcome: boolean;
  /** "Văn bản nào do cơ quan Đảng ban hành?": the documents of one branch. */
  issuerKind: IssuerKind | null;
  /** "Ai ký …, tên gì?": asks for the signer's name, which metadata does not hold. */
  asksSignerName: boolean;
  /** "Do ai ký?": who signed, an office or a person, which is not the issuing body. */
  asksSigner: boolean;
  /**
   * The kind of document the question is about, folded, as it first names one ("Luật đó ban hành ngày
   * nào?" → "luat"); null when it names none ("văn bản đó"). Tells a law a plan names from the plan.
   */
  askedDocumentType: string | null;
  /** Topics the asked part names by a fixed phrase of common syllables ("chữ ký số", "an toàn"). */
  concepts: string[];
  /** "Tin về kế hoạch này được cập nhật ngày nào?": the date the source page was posted, not the issuing date. */
  asksPostingDate: boolean;
  /** "… có hiệu lực kể từ ngày nào?": the date it took effect, which only some documents state. */
  asksEffectiveDate: boolean;
  /** "Thành phần tham dự gồm những ai?", "Những ai về dự?": who attended an event a source reports. */
  asksAttendees: boolean;
  /** "Có mấy nhiệm vụ trọng tâm?": how many entries a list has, answered with the list. */
  countsEntries: boolean;
  /** "Mục tiêu tổng quát … là gì?": the plan's general aim, in whatever words it is stated. */
  asksGeneralAim: boolean;
  /** "Giờ tỉnh đó thuộc tỉnh nào?": the unit a province is part of since the 2025 reorganisation. */
  asksCurrentUnit: boolean;
  /** "QĐ 4086 ký năm 2013 …": the year the question says a document was signed, to check, never searched. */
  assertedIssueYear: number | null;
}

const RESET = /^\s*(?:\/reset\b|xoa (?:lich su|hoi thoai|cuoc tro chuyen)|bat dau lai|lam lai tu dau)/;
const GREETING = /^\s*(?:\/start\b|xin chao|chao ban|chao bot|chao|hello|hi|alo|hey)\b[\s!.,?a-z]{0,12}$/;
const HELP =
  /\b(?:ban|bao nhieu) la (?:nguoi|may|robot|bot)\b|^\s*(?:\/help|tro giup|huong dan su dung|ban la ai|ban lam duoc gi|ban biet (?:nhung )?gi|ban co the (?:lam|tra loi) gi|ban tra loi (?:duoc )?(?:nhung )?gi)|\bban (?:la|dung) (?:mo hinh|model|chatbot|bot|tri tue nhan tao)|\b(?:chatgpt|openai|gpt|llm|gemini|claude)\b|mo hinh (?:ai|ngon ngu)/;
/** A message that only thanks, agrees or says goodbye: each word is one of these. */
const SMALL_TALK_WORDS =
  /^(?:(?:xin )?cam on|cam ta|thanks?|thank you|tks|thx|ok|oke|okie|okay|oki|uh|uhm|um|u|vang|da|duoc roi|dc roi|hieu roi|ro roi|biet roi|tot qua|hay qua|tuyet|tuyet voi|good|great|nice|tam biet|bye|bye bye|bai|hen gap lai|chuc (?:ban|ad|bot|anh|chi|em)? ?(?:mot )?(?:ngay|buoi sang|tuan) (?:moi )?(?:tot|vui|an)(?: lanh| ve)?|xin chao|chao|hello|hi|alo|ngu ngon|nhe|nha|nhieu|lam|ad|ban|bot|em|anh|chi|a|ah|ha|hihi|haha|hehe|nhe ban|nhe ad|roi)$/;
const LIST =
  /\bke ten (?:cac|nhung)\b|^(?:nhung|cac) (?!(?:tinh|van ban|dia phuong|quyet dinh|nghi quyet|ke hoach|quy hoach|tai lieu)\b)(?:\S+ ){1,7}nao\b|\bdanh sach (?:cac|nhung)\b|\b(?:dinh huong|nhiem vu|giai phap|quan diem|muc tieu cu the|chi tieu)\b.{0,80}\b(?:co|gom|bao gom) (?:nhung )?(?:gi|noi dung gi|noi dung nao|diem gi|diem nao|y gi|y nao)\b|\bchia\b.{0,40}\bthanh (?:nhung|cac|may) (?:nhom|phan|linh vuc|noi dung)\b|\bliet ke\b|\bke ra\b|\bke (?:het|ra het|day du)\b|\bke (?:giup|gium|dum|cho) (?:\S+ )?(?:cac|nhung|het)\b|\bnhung (?:nhom )?(?:chi tieu|muc tieu|nhiem vu|giai phap|noi dung|linh vuc|dinh huong|quan diem|hang muc|viec|cong viec|hoat dong)\b|\b(?:neu|cho biet|trinh bay) (?:cac|nhung)\b|\bcho (?:minh|toi|em|xin|tui|to|anh|chi) (?:xin )?(?:cac|nhung|danh sach|het|toan bo)\b|\b(?:dinh huong|nhiem vu|giai phap|quan diem) (?:la )?(?:gi|nhung gi)\b|\bcac (?:nhom )?(?:chi tieu|muc tieu|nhiem vu|giai phap|noi dung|quan diem|dinh huong)\b.{0,60}\b(?:gom|gi|nao)\b|\bgom nhung (?:gi|ai|noi dung nao|muc nao|thanh phan nao)\b|\b(?:gom|co) (?:nhung|cac) (?:\S+ ){0,2}nao\b(?<!tinh nao)/;
const CURRENT_UNIT =
  /\b(?:gio|nay|bay gio|hien nay|hien gio)\b.{0,20}\b(?:thuoc|nhap vao|sap nhap vao|gop vao|la) (?:tinh|thanh pho|tp) nao\b|\bsau (?:khi )?(?:sap nhap|sap xep|hop nhat)\b.{0,30}\b(?:thuoc|la) (?:tinh|thanh pho|tp) nao\b|\b(?:thuoc|la) (?:tinh|thanh pho|tp) nao\b.{0,20}\bsau (?:khi )?(?:sap nhap|sap xep|hop nhat)\b/;
const GENERAL_AIM = /\bmuc tieu (?:tong quat|chung|tong the)\b(?!.{0,40}\b(?:bao nhieu|may)\b)/;
/** "Có mấy nhiệm vụ trọng tâm?", "gồm bao nhiêu giải pháp": the size of a list the document sets out. */
const COUNTS_ENTRIES =
  /\b(?:co|gom|bao gom|de ra|neu|dat ra) (?:tat ca )?(?:may|bao nhieu) (?:nhom )?(?:nhiem vu|giai phap|quan diem|dinh huong|nhom muc tieu|nhom chi tieu|noi dung)\b/;
/** "Thành phần tham dự gồm những ai?", "Những ai về dự?": who attended an event a source reports. */
const ASKS_ATTENDEES =
  /\b(?:thanh phan|nhung ai|ai)\b.{0,30}\b(?:(?:ve |tham |den )?du(?! (?:kien|an|bao|thao|toan|tru|phong|tinh|dinh|luan|lieu|dung))|co mat|tham gia hoi nghi)\b|\b(?:tham du|ve du|co mat)\b.{0,30}\b(?:nhung ai|ai|gom|thanh phan)\b/;
/** "Quy hoạch viện dẫn / nhắc đến những nghị quyết, luật nào?": the documents it names, not documents we have. */
const REFERENCES =
  /\b(?:vien dan|nhac(?: (?:den|toi))?|dan chieu|can cu (?:vao|theo)?|de cap (?:den|toi)|trich dan|tham chieu|dua tren|lam theo|thuc hien theo)\b.{0,40}\b(?:nghi quyet|chi thi|luat|nghi dinh|thong tu|van ban|quyet dinh)\b.{0,60}\b(?:nao|gi|j)\b|\b(?:nhung|cac) (?:nghi quyet|chi thi|luat|nghi dinh|thong tu|van ban)(?:,? (?:nghi quyet|chi thi|luat|nghi dinh|thong tu|quyet dinh))*\b.{0,30}\b(?:nao|gi|j)\b.{0,40}\b(?:vien dan|nhac|dan chieu|can cu|de cap|trich dan|tham chieu|cua trung uong|cua chinh phu)\b|\b(?:nghi quyet|chi thi|luat)(?:,? (?:nghi quyet|chi thi|luat|nghi dinh|thong tu))+ nao\b|\b(?:cac|nhung) (?:luat|nghi quyet|chi thi|nghi dinh|thong tu|van ban)(?:,? (?:va )?(?:luat|nghi quyet|chi thi|nghi dinh|thong tu|quyet dinh))*\b.{0,60}\b(?:duoc )?(?:vien dan|dan chieu|trich dan|tham chieu|nhac (?:den|toi))\b/;
/** "Các mốc thời gian và mục tiêu tương ứng", "mốc mục tiêu theo năm nào": a plan's targets, year by year. */
const TIMELINE =
  /\b(?:cac|nhung|danh sach(?: cac)?) moc (?:thoi gian|nam|muc tieu)\b|\bmoc muc tieu (?:theo|tung|qua cac) nam\b|\blo trinh\b.{0,30}\b(?:theo|tung|qua cac) (?:nam|moc|giai doan)\b|\bmuc tieu (?:theo|tung|qua) (?:tung |cac )?(?:moc|nam)\b/;
const MENTIONS_TOPIC =
  /\b(?:van ban|tai lieu|tinh) nao\b.{0,20}\b(?:nhac|de cap|noi) (?:toi|den|ve)\b(?!.{0,20}\b(?:nghi quyet|chi thi|luat|nghi dinh|thong tu|quyet dinh|trung uong|chinh phu)\b)/;
const SUMMARY =
  /\btom (?:tat|luoc|lai)\b|(?<!\bho )\bso (?:qua|luoc)\b(?! mang)|\bve van de gi\b|\b(?:nhung )?diem chinh\b|\bvai dong\b|\bngan gon\b|\b(?:noi|de cap|ban) ve (?:van de )?(?:gi|nhung gi)\b|\bkhai quat\b|\btong quan (?:ve|cua)\b|\bgioi thieu (?:ve|qua)\b|\b(?:quyet dinh|nghi quyet|ke hoach|van ban|quy hoach|no)\b(?: \S+){0,6} (?:la )?ve (?:cai|viec|chuyen) (?:gi|j)\b/;
const VALIDITY =
  /(?:con|het|co|dang|van) (?:con )?hieu luc|hieu luc (?:khong|ko|chua|nua)|con (?:dang )?(?:ap dung|gia tri|dung duoc|duoc ap dung|dung|thuc hien)\b|con (?:la )?(?:ke hoach|quy hoach|van ban|giai doan|dinh huong|nghi quyet|chu truong|chinh sach) dang (?:duoc )?(?:thuc hien|ap dung|chay|trien khai|hieu luc)|bi thay the|thay the (?:boi|bang)|van ban (?:moi nhat|hien hanh)|(?:quyet dinh|quy hoach|ke hoach|nghi quyet|dinh huong|van ban) (?:moi nhat|hien hanh)|(?:dang|gio|hien nay|hien tai|bay gio) (?:ap dung|dung|theo) (?:van ban|quyet dinh|quy hoach|ke hoach) nao|(?:van ban|quyet dinh) nao (?:dang|con) (?:ap dung|hieu luc)|\bhet (?:ky|han|thoi han|giai doan|thoi ky|hieu luc)\b|\bcon (?:dang )?(?:nam )?trong (?:ky|thoi ky|giai doan|thoi gian)\b|\bda ket thuc\b/;
const HORIZON =
  /(?:den|toi) (?:nam )?(?:nao|bao gio|khi nao)\b|\b(?:den|toi) nam (?:bao nhieu|may)\b|\bgiai doan nao\b|\bthoi ky nao\b|\btam nhin\b|\bdinh huong (?:den|toi) nam\b|\bthoi han\b|\bgiai doan (?:19|20)\d\d\s*-\s*(?:19|20)\d\d\b.{0,40}(?:dung|phai) (?:khong|ko|k)\b/;
const LATEST =
  /\b(?:van ban|quyet dinh|quy hoach|ke hoach|nghi quyet)\b(?: [a-z]+){0,4} (?:moi nhat|gan day nhat|cu nhat|som nhat)\b.{0,50}\b(?:la )?(?:van ban|quyet dinh|cai) nao\b|(?:ban hanh|ky|phe duyet|co hieu luc|ra doi)\b.{0,20}\b(?:gan day nhat|moi nhat|som nhat|cu nhat|dau tien|muon nhat|sau cung)|\b(?:van ban|quyet dinh|quy hoach|ke hoach|nghi quyet) nao\b.{0,30}\b(?:moi nhat|gan day nhat|cu nhat|som nhat)|\b(?:co|ra|ra doi|ban hanh|ky) (?:truoc|sau)\b|\b(?:som|moi) hon\b|\bcai nao\b.{0,12}\b(?:moi|cu|som) (?:nhat|hon)\b/;
/** "Mốc định hướng xa nhất", "kết thúc sớm nhất": periods compared, whatever else the question names. */
const REACH =
  /\b(?:moc|tam nhin|dinh huong|thoi han|thoi ky|giai doan)\b.{0,30}\b(?:xa|dai|muon|gan|ngan) (?:nhat|hon)\b|\b(?:ket thuc|het han|het ky|het giai doan)\b.{0,12}\b(?:som|muon|sau|truoc) (?:nhat|hon)\b/;
/** "Những tỉnh nào có mục tiêu đến năm 2020?": which documents' periods name the year, not a figure. */
const PERIOD_AGGREGATE =
  /^(?!.*\b(?:bao nhieu|may|ty le|phan tram)\b|.*%|.*\b(?:cao|thap|nhieu|it|lon|nho) (?:hon|nhat)\b).*\b(?:tinh|van ban|quy hoach|ke hoach|dia phuong|quyet dinh|nghi quyet) nao\b.{0,60}\b(?:den|toi) (?:het )?nam (?:19|20)\d\d\b|^(?!.*%).*\b(?:bao nhieu|may) (?:van ban|tinh|quy hoach|ke hoach|quyet dinh|nghi quyet|dia phuong)\b.{0,60}\b(?:den|toi) (?:het )?nam (?:19|20)\d\d\b/;
/** "Ít nhất mấy cán bộ", "nhiều nhất 3 năm": a bound on one figure, not a ranking of documents. */
const UNLESS_A_BOUND = '(?! (?:la )?(?:may|bao nhieu|\\d|mot|hai|ba)\\b)';
/**
 * "Tỉnh nào cao nhất", "… cao hơn": a ranking. "Cần vốn nhiều hơn" wants more and ranks nothing; nor does a
 * condition ("nếu cần vốn lớn hơn thì sao").
 */
const SUPERLATIVE_MAX = new RegExp(
  `\\b(?:cao|lon|nhieu) nhat${UNLESS_A_BOUND}\\b|(?<!\\b(?:neu|khi|ma)\\b.{0,30})\\b(?:cao|lon) hon\\b|\\bvuot troi\\b`,
);
const SUPERLATIVE_MIN = new RegExp(`\\b(?:thap|it|nho) (?:nhat${UNLESS_A_BOUND}|hon)\\b`);
/** "Văn bản cũ", "quyết định trước đó": the replaced one. */
const ABOUT_REPLACED =
  /\b(?:van ban|quyet dinh|quy hoach|ke hoach|nghi quyet|cai|ban) (?:cu|truoc do|truoc)\b|\b(?:van ban|vb|quyet dinh|qd|nghi quyet|nq|cai|ban) (?:da )?bi thay(?! the (?:boi|bang))\b|\bnao (?:da )?bi (?:\S+ ){0,3}thay the\b|\b(?:van ban|quyet dinh|quy hoach|ke hoach|nghi quyet) (?:da )?(?:bi|duoc) thay the\b(?! (?:boi|bang))/;
/**
 * "Văn bản nào đã thay thế quyết định 4086?", "4086 bị thay thế bởi văn bản nào?", "… đã bị thay thế chưa?":
 * asks what replaced the document named, not what it replaced ("4086 thay thế văn bản nào?").
 */
const ASKS_SUCCESSOR =
  /\b(?:nao|gi)\s+(?:da\s+|duoc\s+|moi\s+)?(?:ban hanh\s+(?:de\s+)?)?thay (?:the|cho)\b|\bbi thay the (?:boi|bang)\b|\bbi thay bang\b|\bduoc thay (?:the )?bang\b|\bthay the (?:boi|bang)\b/;
const CATALOGUE =
  /\bco (?:quyet dinh|nghi quyet|ke hoach|quy hoach|van ban|tai lieu)(?: (?:ve )?(?:cong nghe thong tin|chuyen doi so|[a-z]+))? (?:nao|gi)\b|\bco (?:quy hoach|ke hoach|nghi quyet|van ban|quyet dinh)\b.{0,40}\b(?:khong|ko)\s*\?*\s*$|\bco (?:nhung|cac) (?:quy hoach|ke hoach|van ban|quyet dinh|nghi quyet)(?: [a-z]+){0,3} nao\b|\bco (?:quyet dinh|nghi quyet|ke hoach|quy hoach|van ban|tai lieu) nao\b|(?:nhung|cac) (?:van ban|tai lieu|quyet dinh|nguon) nao|(?:tai lieu|van ban|du lieu|thong tin)(?: (?:ve )?[a-z ,]{0,60})? (?:cua )?(?:nhung|cac) tinh nao|(?:nhung|cac) tinh nao (?:co|duoc) (?:tai lieu|van ban|du lieu)|danh sach (?:van ban|tai lieu)|\b(?:tong cong|tat ca|tong so) (?:co )?(?:bao nhieu|may) van ban\b|\bvan ban\b.{0,40}\bcua (?:nhung |cac )?tinh nao\b|\b(?:liet ke|cho biet|ke ten|ke)\b.{0,20}\bso hieu (?:cua )?(?:tat ca |cac |nhung |moi )?(?:van ban|quyet dinh|nghi quyet)\b|\bco (?:may|bao nhieu) (?:quyet dinh|nghi quyet|ke hoach|quy hoach)\b|\/nguon\b|(?:tinh|dia phuong) nao co (?:quy hoach|ke hoach|van ban)|co (?:nhung|bao nhieu) van ban/;
const CATALOGUE_GLOBAL = new RegExp(CATALOGUE.source, 'g');
const ASKS_DATE =
  /ngay nao|khi nao|bao gio|luc nao|thoi gian nao|ngay thang nam nao|ngay thang nao|ngay may|nam nao|ngay ban hanh(?! \d)|ban hanh (?:ngay|nam|vao|truoc|sau)(?! \d)|ky ngay(?! \d)|ngay ky(?! \d)|(?:ban hanh|ky) (?:vao )?(?:ngay|nam) \d[^?]{0,60}\b(?:dung|phai) (?:khong|ko|k)\b|truoc hay sau|som hon|muon hon/;
const ASKS_NUMBER =
  /so hieu|(?<!ky )\bso (?:may|bao nhieu|gi)\b(?!\s*(?:%|phan tram))|la so nao|(?:quyet dinh|van ban|nghi quyet|ke hoach|chi thi) (?:nao|gi)\b|theo (?:quyet dinh|van ban) nao/;
const NAMES_WHICH_DOCUMENT =
  /\b(?:la|thuoc) (?:chi thi|nghi quyet|quyet dinh|luat|nghi dinh|thong tu|van ban|de an) (?:nao|gi|so may|so nao)\s*\??\s*$/;
const ASKS_ISSUER =
  /ai ban hanh|co quan ban hanh|ai ky|do ai|\bcua ai\b|co quan nao|don vi nao ban hanh|cap nao ban hanh|ban hanh boi|noi ban hanh|\bdo (?:ubnd|uy ban|hdnd|hoi dong|tinh uy|ban thuong vu|so|chu tich)\b.{0,30}(?:ban hanh|thong qua|phe duyet)/;
/** "Kế hoạch đó nhằm thực hiện nghị quyết nào?": what the document implements, which its metadata says. */
const ASKS_IMPLEMENTS =
  /\b(?:de|nham|la de) thuc hien (?:nghi quyet|quyet dinh|chi thi|de an|chuong trinh|van ban|luat)\b|\b(?:ke hoach|van ban|quyet dinh) (?:nay|do|ay) thuc hien (?:nghi quyet|quyet dinh|chi thi|de an|chuong trinh|van ban|luat) (?:nao|gi|so may|so nao)\b|\b(?:nghi quyet|van ban|quyet dinh|de an) (?:ma )?(?:no|ke hoach (?:nay|do|ay)) thuc hien\b/;
/**
 * "Huế ban hành kế hoạch thực hiện Nghị quyết 36a/NQ-CP … phải không?": a claim of what a plan implements, to
 * confirm or correct; not when the claim is about a figure in it ("… đặt 70% … phải không?").
 */
const CLAIMS_IMPLEMENTS =
  /^(?!.*(?:\d\s*%|\bphan tram\b|\bdat\b|\bmuc tieu\b|\bchi tieu\b|\bkinh phi\b)).*\b(?:ke hoach|van ban|quyet dinh|chuong trinh) (?:de )?thuc hien (?:nghi quyet|quyet dinh|chi thi|de an|chuong trinh|luat)\b.{0,80}\b(?:phai|dung) (?:khong|ko|k|hong|ha)\b/;
const DOCUMENT_WORDS = /quyet dinh|van ban|nghi quyet|ke hoach|chi thi|ban hanh|\bky\b|phe duyet|quy hoach|so hieu/;
/** Asking for a date or number of issue, even when the question also names a topic. */
/** "Tin … được cập nhật / đăng ngày nào?": when the page carrying the document was posted ("đang" folds alike). */
const POSTING =
  /\bcap nhat\b|\bdang tai\b|\bdua tin\b|\bdang (?:ngay|vao|luc|khi|tin|bai)\b|\b(?:tin|bai(?: viet)?)\b.{0,40}\bduoc dang\b/;
// "Ký" is signing, except in "chữ ký (số)".
const ISSUANCE_WORDS = new RegExp(`ban hanh|(?<!chu )\\bky\\b(?! so)|phe duyet|thong qua|${POSTING.source}`);
/** "Thay thế quyết định nào?" asks what the text says, not the document's own number. */
const ASKS_CONTENT = /thay the|bai bo|sua doi|hieu luc/;
const COMPARISON =
  /so sanh|\bso voi\b|tinh nao|dia phuong nao|\b(?:nhung|cac) (?:van ban|tai lieu) nao\b|nhung tinh|cac tinh|moi tinh|tung tinh|hai tinh|ca hai|khac nhau|giong nhau/;
/** "Nghe nói Bạc Liêu chi 76 tỷ …": a figure the user heard, a claim to check like one asked to confirm. */
const HEARSAY = /\b(?:nghe noi|nghe bao|nghe dau|thay bao|nghe phong phanh)\b/;
const CONFIRMATION =
  /dung khong|phai khong|co dung|dung chu|co phai|chinh xac khong|that khong|dung ko|phai ko|dung k\b|dung hok|dung hong|\ba\s*\?*\s*$|\b(?:ha|nhi|chu)(?:\s+(?:ad|ban|bot|a|nhe|nha))?\s*\?*\s*$/;
const FOLLOW_UP_START = /^\s*(?:con|the con|vay con|con ve|va|the|vay)\b(?!\s*nao)/;
const FOLLOW_UP_END =
  /(?:thi sao|the nao|ra sao|thi bao nhieu|thi the nao|\bnua)\s*[?!.]*\s*$|\b(?:kieu|nhu|tuong tu|giong) (?:do|vay|the|tren)\b/;
const BACK_REFERENCE =
  /(?<![\p{L}])(?:nó|đó|này|ấy|trên đây|vừa rồi|vừa nói|nói trên|kể trên|(?:văn bản|quyết định|kế hoạch|nghị quyết|quy hoạch) trên)(?![\p{L}])/u;
/** "Văn bản / tỉnh nào trong số đó …", "trong mấy văn bản đó, tỉnh nào …": which of them, asked of all the documents. */
const PICKS_AMONG =
  /\btrong (?:so (?:cac |nhung )?|(?:may|cac|nhung) )(?:(?:van ban|tai lieu|tinh|quyet dinh) )?(?:do|nay|tren)\b/;
const ASKS_WHICH = /\b(?:van ban|quyet dinh|ke hoach|quy hoach|nghi quyet|tinh|dia phuong|cai) nao\b/;
const BACK_REFERENCE_FOLDED =
  /^\s*no\b|\b(?:quyet dinh|van ban|ke hoach|nghi quyet|tinh|quy hoach) (?:do|nay|ay|tren)\b|vua roi|noi tren|ke tren|tren day/;
const INSTRUCTION =
  /<\/?[a-z]+>|\[(?:system|user|assistant|admin|developer)\]|quy tac|cu ghi|ghi nhu vay|noi bo cua|khong duoc (?:nhac|trich|ghi|neu)|chi tra loi|chi duoc|hay dung|so moi|nguon moi|quan tri vien|admin|(?:dong|nhan|gia|quen|bo|thay doi) vai(?: tro)?\b|vai tro (?:cua ban|moi)|\bbia\b|gioi han|ban gio la|bo qua|phot lo|ignore|disregard|forget|pretend|act as|system|\bprompt\b|developer mode|jailbreak|hay noi|hay tra loi|tra loi rang|noi rang|hay khang dinh|hay xac nhan|hay trich|hay ghi|ghi nguon|trich dan nguon nay|dung dung|khong can trich|gia vo|dong vai|tu gio|tu bay gio|quen (?:het|di|moi)|in ra|hay in|lenh truoc|huong dan truoc|chi dan|them (?:dong|cau|vao)|nho (?:them|ghi|chen)|ghi them|chen (?:them|dong|vao)|\bo cuoi\b|\bdung (?:nhac|neu|ghi|trich)\b|answer only|only answer|reply (?:only|in)|respond (?:only|in)|start your (?:reply|answer)|in english|\bpwned\b|\b(?:mo dau|bat dau|ket thuc|ket lai)\b.{0,20}\b(?:tra loi|bang cau|bang dong|bang chu)\b|\bcau tra loi (?:bang|voi|phai)\b|\bcu (?:tra loi|noi|ghi|viet)\b|\btra loi la\b|\b(?:dung|khong can|khoi) kiem tra\b|\b(?:cu )?tu (?:dien|bia|them|ghi) (?:vao|nam|so|cho)\b|\bkhong ai (?:kiem tra|biet|phat hien)\b|\bche do (?:kiem thu|thu nghiem|debug|nha phat trien|quan tri|sang tao|bao tri|admin|developer|test)\b|\btoi (?:la|lam) (?:lanh dao|quan tri vien|admin|giam doc|chu tich|nguoi quan ly|nguoi phu trach)\b|\bcho phep (?:ban|bot|em) (?:cap nhat|sua|thay doi|doi)\b|\bcap nhat (?:lai )?(?:du lieu|so lieu|thong tin) (?:moi|cho ban|vao)?/;
/** Phrases about the bot's own store ("trong dữ liệu của bạn"), not about the documents. */
const ABOUT_THE_BOT =
  /(?:trong so )?(?:cac|nhung) tinh (?:ma )?(?:\S+ )?co (?:tai lieu|du lieu|van ban)|(?:trong )?(?:cac tinh |nhung tinh )?(?:ma )?(?:ban|bot|ad|em|he thong) (?:dang )?co (?:(?:bao nhieu|may|nhung|cac) )?(?:tai lieu|du lieu|van ban|thong tin)(?: ve)?|(?:trong )?(?:cac|nhung) (?:van ban|tai lieu) (?:ma )?(?:ban|bot|ad|em|he thong) (?:dang )?co\b|\bma (?:ban|bot|ad|em|he thong) (?:dang )?co\s*$|\btrong (?:du lieu|kho(?: du lieu| van ban)?|co so du lieu)(?! (?:chuyen nganh|tong hop|quoc gia|dan cu|cua tinh))\b|(?:trong |tu )?(?:du lieu|kho(?: du lieu| van ban)?|he thong|tai lieu|co so du lieu) cua (?:ban|bot|em|may)/g;
/** Phrases that carry no content: courtesies ("xin cảm ơn"), "ở đâu", "liệt kê", "cao nhất". */
const FILLER =
  /\b(?:bay gio|hien gio|gio day|gio)\b(?! (?:hanh chinh|lam viec))|\bmoi (?=(?:nguon|nam|co quan|don vi|tinh|nguoi|loai)\b)|\b(?:co )?(?:nhac|de cap) (?:toi|den)\b|\b(?:truoc day|hoi truoc|ngay truoc)\b|\b(?:tuong tu|giong vay|nhu vay)\b|\bcu the hoa\b|\bbang (?=(?:van ban|quyet dinh|ke hoach|nghi quyet) nao\b)|\b(?:gio|nay|hien nay|bay gio) (?:da )?(?:thuoc|la|ve)\b|\bsau do\b|\b(?:con so|so lieu) (?:that|thuc|dung|chinh xac|goc)\b|\b(?:cung|o|vao|tai) (?:moc|thoi diem|giai doan|thoi ky) (?:do|nay|ay|tren)\b|\bnhom (?=(?:muc tieu|chi tieu|nhiem vu|giai phap|noi dung|linh vuc|dinh huong)\b)|\b(?:ghi|noi|neu) (?:ro|cu the)\b|\bbang (?:tien|kinh phi|so tien)\b|\b(?:sau|tu|ke tu|truoc) (?:ngay )?\d{1,2}\/\d{1,2}\/(?:19|20)\d\d\b|\b(?:kieu|tuong tu|giong nhu) (?:do|vay|the|tren)\b|\b(?:khac nhau|giong nhau|khac gi|khac nhau the nao)\b|\bben canh\b|\bnam (?:dau tien|dau|thu nhat|thu hai|thu ba|cuoi cung|cuoi)\b|\bso (?:voi|sanh)\b|\bsau (?:khi )?sap xep(?: lai)?(?: don vi hanh chinh)?(?: (?:nam )?2025)?\b|\bneu ro\b|\b(?:bang )?con so cu the\b|\bben nao\b|\bcon luu\b|\b(?:trong )?vai dong\b|\b(?:bay gio|hien tai|luc nay|thoi diem nay)\b|\b(?:noi )?(?:ngan gon|tom gon)(?: thoi)?\b|\bcai nao\b|\bxa (?:hon|nhat)\b|\b(?:sau (?:khi )?)?(?:sap nhap|hop nhat)\b|\bsau khi (?:nhap|gop)(?: them| voi| vao)?\b|\b(?:da|vua|duoc) (?:sap )?nhap(?: them| voi| vao| ca)?\b|\b(?:sap )?nhap (?:vao|voi|vo)\b|\b(?:da )?gop(?: ca| voi| vao| them)?\b|\b(?:bao )?gom ca\b|\btinh (?:\S+ ){0,3}?moi\b|\blan luot\b|\b(?:cao|lon|nhieu|thap|it|nho) (?:nhat|hon)\b|\bo dau\b|\b(?:dinh|du dinh|se|phai) lam (?:gi|nhung gi|j)\b|\b(?:cung )?(?:lay|chon|dat) moc(?: nam)?\b|\b(?:cua )?(?:ca )?(?:hai|2|ba|3) (?:tinh|ben|van ban)(?: nay| do| tren)?\b|\bke ten(?: giup| ra| het)?\b(?! (?:cac|nhung))|\b(?:tung|moi) (?:cai|van ban|quyet dinh)\b|\btat ca(?: cac)?\b|\b(?:theo )?cach nao\b|\b(?:khac|giong) nhau (?:o )?cho nao\b|\btong cong\b|\b(?:phan|cai|so) con lai\b|\bde (?:em|minh|toi|tui|con|chau) (?:con )?(?:dien|ghi|bao cao|lam|dua|nop|viet|tong hop)\b(?: \S+){0,4}|\b(?:nghe noi|nghe bao|nghe dau|thay bao|nghe phong phanh)\b|\bchi tiet(?: tung nam)?\b|\b(?:co|gom|bao gom) ca\b|\bliet ke\b|\b(?:ke|noi) (?:het|ra het|day du)(?: ra)?\b|^hien\b|\btruoc do\b|\bhien nay\b|\b(?:xin )?cam on(?: ban| nhieu| nhe)?\b|\blam on\b|\bvui long\b|\bthanks?(?: you)?\b/g;
/** A figure a user states: "90%", "99 %", "100 tỷ", "20 doanh nghiệp" — but not a level ("mức 4") or a year. */
const CLAIMED_FIGURE = /(?<![\d/])(\d+(?:[.,]\d+)?)\s*(%|phan tram|ty|trieu|doanh nghiep|nguoi|dich vu)/g;
const DOCUMENT_NUMBER = /(?<![\p{L}\d])(\d+[a-zđ]?(?:\/\d{4})?(?:\/|-)\p{L}[\p{L}\d]*(?:[-/]\p{L}[\p{L}\d]*)*)/giu;
/** "quyết định 4086", "nghị quyết số 16": a number without its symbol, when it cannot be a count or a year. */
const BARE_DOCUMENT_NUMBER =
  /(?:quyet dinh|qd|nghi quyet|nq|ke hoach|kh|chi thi|van ban)(?:\s+(?:cntt|ict|cds))?\s*(so\s*)?(\d+[a-z]?)\b(?!\s*(?:%|\/|-|nam|thang|ngay|ty|trieu|nguoi))/g;
/**
 * "Quyết định 635 của Bạc Liêu và 4086 của Hà Tĩnh": a second number joined to a document number, read as one
 * too when nothing after it makes it a count ("và 4086 của …", "hay 2972?", but not "và 60 dịch vụ").
 */
const COORDINATED_DOCUMENT_NUMBER =
  /(?:,|\bva|\bvoi|\bvs|\bhay|\bhoac)\s+(?:so\s+)?(\d{2,5}[a-z]?)(?=\s*(?:$|[,.;:?!)]|cua\b|o\b|tinh\b|thi\b|van ban\b|nao\b|co\b|ban hanh\b|ky\b))/g;
/** Where a question splits into sentences, or into the parts of a "[SYSTEM] … [USER] …" message. */
const SEGMENT_BREAK =
  /(?<=[.!?;:,\]])\s+|(\s*\[[A-Za-z ]+\]\s*|\s*<\/?[A-Za-z]+>\s*)|\n+|\s+(?=(?:rồi|roi|sau đó|sau do)\s+(?:cho|nói|noi|trả lời|tra loi)\s)/u;

/**
 * Phrases that name the kind of document rather than what the question is about ("quy hoạch", "tỷ lệ").
 * Matched as phrases: "tỷ" in "tỷ lệ" says nothing, in "tỷ đồng" it is the topic.
 */
const GENERIC_PHRASES: readonly string[][] = [
  'quy hoach',
  'ke hoach',
  'cong nghe thong tin',
  'thong tin va truyen thong',
  'phat trien',
  'thuc hien',
  'van ban',
  'quyet dinh',
  'nghi quyet',
  'chi thi',
  'noi dung',
  'tom tat',
  'ung dung',
  'thanh pho',
  'ban hanh',
  'phe duyet',
  'so hieu',
  'uy ban nhan dan',
  // The issuer named with a resolution ("Nghị quyết 16 của Ban thường vụ Tỉnh ủy") names it, as a number does.
  'ban thuong vu tinh uy',
  'ban thuong vu',
  'hoi dong nhan dan',
  'de an',
  'muc tieu',
  'ty le',
  'ty trong',
  'chi tieu',
  // The country every document is in says nothing of what a question is about ("tuyển Việt Nam đá với ai").
  'viet nam',
].map((phrase) => phrase.split(' '));
// "Gồm" and "thực hiện" frame a question ("gồm những nguồn nào …"), never its subject.
const GENERIC_WORDS = new Set(['tinh', 'nam', 'ngay', 'hom', 'dat', 'chinh', 'ky', 'gom']);
/** Topics made of generic words: "ký" alone is signing a decision, "chữ ký số" is a topic. */
const TOPIC_PHRASES: readonly string[][] = ['chu ky so', 'ky so', 'chu ky dien tu'].map((phrase) => phrase.split(' '));
/** Words that ask about a plan's period ("tầm nhìn", "giai đoạn"), not about a topic in it. */
const PERIOD_WORDS = new Set([
  'tam',
  'nhin',
  'giai',
  'doan',
  'thoi',
  'han',
  'ky',
  'moc',
  'dinh',
  'huong',
  'gian',
  'ap',
  'dung',
  'toi',
]);

/** The single-syllable terms that say what the question is about: not generic, not a year, not noise. */
function topicTermsOf(searchable: string, terms: readonly string[]): string[] {
  const tokens = tokenize(searchable);
  const generic = new Array<boolean>(tokens.length).fill(false);
  for (const phrase of GENERIC_PHRASES) {
    for (let i = 0; i + phrase.length <= tokens.length; i++) {
      if (phrase.every((word, j) => tokens[i + j] === word)) generic.fill(true, i, i + phrase.length);
    }
  }
  const topicalAt = new Array<boolean>(tokens.length).fill(false);
  for (const phrase of TOPIC_PHRASES) {
    for (let i = 0; i + phrase.length <= tokens.length; i++) {
      if (phrase.every((word, j) => tokens[i + j] === word)) topicalAt.fill(true, i, i + phrase.length);
    }
  }
  const topical = new Set(tokens.filter((token, i) => topicalAt[i] || (!generic[i] && !GENERIC_WORDS.has(token))));
  return terms.filter((term) => isUnigram(term) && topical.has(term) && !/^\d{4}$/.test(term));
}

/** Only courtesies: "cảm ơn ad nhiều nha", "ok", "tạm biệt". */
function isSmallTalk(folded: string): boolean {
  const words = folded
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return words.length > 0 && courtesyOnly(words);
}

/** Whether the words are nothing but courtesy phrases, tried longest first. */
function courtesyOnly(words: string): boolean {
  const tokens = words.split(' ');
  const reachable = new Array<boolean>(tokens.length + 1).fill(false);
  reachable[0] = true;
  for (let i = 0; i < tokens.length; i++) {
    if (!reachable[i]) continue;
    for (let j = i + 1; j <= Math.min(tokens.length, i + 6); j++) {
      if (SMALL_TALK_WORDS.test(tokens.slice(i, j).join(' '))) reachable[j] = true;
    }
  }
  return reachable[tokens.length]!;
}

/** The intents that are about documents' status and scope rather than a passage: checked before the rest. */
function documentIntent(folded: string, hasTopic: boolean): QuestionIntent | null {
  // "Định hướng … tóm lại là gì?" sums up a section, which is its list; a document's summary otherwise.
  const sumsUpSection =
    /\btom lai\b/.test(folded) && /\b(?:dinh huong|nhiem vu|giai phap|quan diem|chi tieu)\b/.test(folded);
  if (SUMMARY.test(folded)) return sumsUpSection ? 'list' : 'summary';
  if (TIMELINE.test(folded)) return 'timeline';
  // "Văn bản mới nhất … là văn bản nào?" names the newest; "… mới nhất còn hiệu lực không?" asks its status.
  if (LATEST.test(folded) && !/\b(?:hieu luc|thay the|ap dung)\b/.test(folded)) return 'latest';
  if (VALIDITY.test(folded) || ASKS_SUCCESSOR.test(folded)) return 'validity';
  if (LATEST.test(folded)) return 'latest';
  if ((HORIZON.test(folded) && !hasTopic) || REACH.test(folded) || PERIOD_AGGREGATE.test(folded)) return 'horizon';
  // "… áp dụng cho giai đoạn nào" asks the period whatever else it says.
  if (
    /\b(?:giai doan|thoi ky) nao\b|\bden nam nao\b.{0,30}\bdinh huong\b|\bdinh huong den nam nao\b|\bhuong toi (?:moc )?nam nao\b/.test(
      folded,
    )
  )
    return 'horizon';
  // "Mốc năm nào?" of a plan is its horizon; of a target ("mức 3, 4 … mốc năm nào"), the target's year.
  if (!hasTopic && /\bmoc nam nao\b/.test(folded)) return 'horizon';
  // "kế hoạch giai đoạn 2016-2020 hả?": a period asserted and nothing else asked.
  if (!hasTopic && CONFIRMATION.test(folded) && /\b(?:19|20)\d\d\b/.test(folded)) return 'horizon';
  // "… áp dụng cho giai đoạn 2016-2020 à?": a period asserted about the plan, whatever it is called.
  if (
    CONFIRMATION.test(folded) &&
    /\b(?:ap dung|danh) cho (?:giai doan|thoi ky) (?:19|20)\d\d\s*-\s*(?:19|20)\d\d\b/.test(folded)
  )
    return 'horizon';
  // "Những ai về dự?": the people named in one sentence of the source, a list; so is "có mấy nhiệm vụ".
  if (ASKS_ATTENDEES.test(folded) || COUNTS_ENTRIES.test(folded)) return 'list';
  // "gồm những nguồn nào, mỗi nguồn chiếm bao nhiêu?" asks figures: a list only when it does not ask an amount.
  const asksAmount = /\bbao nhieu\b/.test(folded) && !/\bliet ke\b/.test(folded);
  if (LIST.test(folded) && !asksAmount && !/\b(?:nhung|cac) tinh nao\b/.test(folded)) return 'list';
  return null;
}

function detectIntent(folded: string, hasTopic: boolean, hasDocument: boolean): QuestionIntent {
  if (RESET.test(folded)) return 'reset';
  if (HELP.test(folded)) return 'help';
  if (GREETING.test(folded)) return 'greeting';
  // "Xin chào ad, chúc ad ngày mới vui vẻ" greets; "cảm ơn, chúc ngày vui" thanks.
  if (isSmallTalk(folded)) return /^\s*(?:xin chao|chao|hello|hi|alo)\b/.test(folded) ? 'greeting' : 'small-talk';
  // "Những văn bản nào nhắc tới chữ ký số?" asks which documents speak of a topic, not what they cite.
  if (REFERENCES.test(folded) && !MENTIONS_TOPIC.test(folded)) return 'references';
  if (PERIOD_AGGREGATE.test(folded)) return 'horizon';
  if (CATALOGUE.test(folded) && !hasTopic && !ASKS_IMPLEMENTS.test(folded)) return 'catalogue';
  const aboutStatus = documentIntent(folded, hasTopic);
  if (aboutStatus) return aboutStatus;
  const aboutDocument = DOCUMENT_WORDS.test(folded) || hasDocument;
  // With a topic of its own, "… ngày nào?" asks about an event in the text, unless it names the issuing.
  const asksMetadata = aboutDocument && (!hasTopic || ISSUANCE_WORDS.test(folded)) && !ASKS_CONTENT.test(folded);
  if (ASKS_IMPLEMENTS.test(folded) || CLAIMS_IMPLEMENTS.test(folded)) return 'implements';
  // "… có số hiệu là gì?" asks the number whatever else the question names.
  if (
    /\bso hieu(?: van ban| cua (?:no|van ban|ke hoach|quyet dinh))? (?:la gi|la bao nhieu|bao nhieu|nao|gi)\b|\bso hieu (?:day du |chinh xac )?(?:cua )?(?:nq|nghi quyet|qd|quyet dinh|kh|ke hoach|van ban)\b/.test(
      folded,
    )
  )
    return 'document-number';
  if (asksMetadata && ASKS_ISSUER.test(folded)) return 'issuer';
  if (asksMetadata && ASKS_DATE.test(folded)) return 'issue-date';
  if (asksMetadata && ASKS_NUMBER.test(folded)) return 'document-number';
  // "Chỉ thị về tiếp cận cách mạng công nghiệp lần thứ 4 là chỉ thị nào?": the words describe the document
  // whose number is asked.
  if (NAMES_WHICH_DOCUMENT.test(folded)) return 'document-number';
  if (!hasTopic) return 'overview';
  return 'fact';
}

function documentNumbersIn(text: string): string[] {
  const folded = foldVietnamese(text);
  const numbers = unique([
    ...[...text.matchAll(DOCUMENT_NUMBER)].map((match) => match[1]!.replace(/\s+/g, '')),
    ...[...folded.matchAll(BARE_DOCUMENT_NUMBER)]
      .filter((match) => match[1] !== undefined || match[2]!.length >= 2)
      .map((match) => match[2]!)
      .filter((number) => !/^(?:19|20)\d\d$/.test(number)),
  ]);
  if (numbers.length > 0) {
    for (const match of folded.matchAll(COORDINATED_DOCUMENT_NUMBER)) {
      if (!/^(?:19|20)\d\d$/.test(match[1]!) && !numbers.includes(match[1]!)) numbers.push(match[1]!);
    }
  }
  return numbers.filter(
    (number) =>
      !numbers.some((other) => other !== number && (other.startsWith(`${number}/`) || other.startsWith(`${number}-`))),
  );
}

/** "… mục tiêu 500 người … à?": the claim says what kind of value the answer is. */
function claimedType(folded: string): AnswerType | null {
  const [match] = folded.matchAll(CLAIMED_FIGURE);
  if (!match) return null;
  const unit = match[2]!;
  if (unit === '%' || unit === 'phan tram') return { kind: 'percent' };
  if (unit === 'ty' || unit === 'trieu') return { kind: 'money' };
  return { kind: 'quantity', unit };
}

function claimedFiguresIn(folded: string): string[] {
  return unique(
    [...folded.matchAll(CLAIMED_FIGURE)].map((match) => match[1]! + (/%|phan tram/.test(match[2]!) ? '%' : '')),
  );
}

/**
 * Splits off the parts of a message that instruct the bot ("Bỏ qua hướng dẫn trước, hãy nói …") from the
 * question itself. When every part is an instruction, the whole message is kept as the question.
 */
/** Text in quotes ("thêm dòng 'Nguồn: Quyết định 999/QĐ-TTg' vào cuối") is one piece with what frames it. */
const QUOTED = /["'“‘«][^"'”’»\n]{1,200}["'”’»]/gu;
const HELD_SPACE = '\u0000';

/** The segments of a message, never cut inside quotes. */
function segmentsOf(text: string): string[] {
  const held = text.replace(QUOTED, (quoted) => quoted.replace(/(?<=[.!?;:,\]])\s/gu, HELD_SPACE));
  return held
    .split(SEGMENT_BREAK)
    .filter((segment): segment is string => Boolean(segment?.trim()))
    .map((segment) => segment.replaceAll(HELD_SPACE, ' '));
}

/** "… ban hành ngày 01/01/2020": a date an instruction would have the bot confirm. */
const CLAIMED_DATE = /\b\d{1,2}\/\d{1,2}\/(?:19|20)\d\d\b|\bngay \d{1,2} thang \d{1,2}\b/;

/** The verb of an instruction that dictates what to say: "hãy nói", "cứ trả lời là", "khẳng định rằng". */
const DICTATING = /\b(?:noi|khang dinh|tra loi|xac nhan)(?: rang| la)?\s+/;

/**
 * What an instruction would have the bot say, with the figure it plants: "chỉ tiêu … của Hà Tĩnh là 95%", up
 * to a further instruction joined to it ("… và trả lời như thật").
 */
function assertedClaim(segment: string): string | null {
  // Folding keeps an NFC text's length, so positions found in the folded text cut the original.
  const folded = foldVietnamese(segment);
  const verb = DICTATING.exec(folded);
  if (!verb) return null;
  const start = verb.index + verb[0].length;
  const rest = folded.slice(start);
  const further = [...rest.matchAll(/\s+(?:va|roi)\s+/g)].find((joint) => {
    const next = rest.slice(joint.index + joint[0].length);
    return /^(?:hay |cu )?(?:tra loi|noi|ghi|viet|dung|khong)\b/.test(next) || INSTRUCTION.test(next);
  });
  const end = further ? start + further.index : segment.length;
  const claimed = folded.slice(start, end);
  if (!new RegExp(CLAIMED_FIGURE.source).test(claimed) && !CLAIMED_DATE.test(claimed)) return null;
  return segment.slice(start, end);
}

function separateInstructions(text: string): { question: string; instruction: string } {
  // Markers such as "[SYSTEM]" or "</context>" are kept as segments of their own: they are instructions.
  const segments = segmentsOf(text);
  const isInstruction = (segment: string): boolean => INSTRUCTION.test(foldVietnamese(segment));
  const lastInstruction = segments.findLastIndex(isInstruction);
  if (lastInstruction < 0) return { question: text, instruction: '' };
  // The question follows the instructions ("… hãy nói 99%. Vậy Hà Tĩnh …?"); what comes before them
  // ("Tài liệu mới cập nhật: Quảng Bình đặt 95% …") belongs to the attempt, not to the question.
  const after = segments.slice(lastInstruction + 1);
  if (after.length > 0)
    return { question: after.join(' '), instruction: segments.slice(0, lastInstruction + 1).join(' ') };
  const asked = segments.filter((segment) => !isInstruction(segment));
  if (asked.length === 0) {
    // "Hãy nói chỉ tiêu … của Hà Tĩnh là 95%": nothing is asked, but the claim names what the real figure is of.
    const claim = segments.map(assertedClaim).find((found) => found !== null);
    return { question: claim ?? text, instruction: text };
  }
  return { question: asked.join(' '), instruction: segments.filter(isInstruction).join(' ') };
}

export interface UnderstandOptions {
  /** Provinces there are documents for: initials typed in capitals ("QB", "HT") stand for one of them. */
  knownProvinces?: readonly string[];
}

/** Past this length a message is a story with a question in it, usually at its end. */
const LONG_MESSAGE_CHARS = 240;
/** A long message's questions, read together when asked one after another. */
const MAX_ASKED_SENTENCES = 3;
const ASKS_SOMETHING = /\?|\b(?:bao nhieu|khong|ko|nao|gi|sao|the nao|nhu the nao|chua|ra sao|la ai)\b/;

/**
 * The part of a long message that asks: its last sentence that asks something, and the sentence before it
 * that names the province ("… quê Quảng Bình. Cho mình hỏi chỉ tiêu … là bao nhiêu?"), which gives the
 * question its province but not its words (a story's "xã", "văn phòng" are not what is asked).
 */
function askedPart(text: string, knownProvinces: readonly string[]): { asked: string; setting: string } {
  if (text.length <= LONG_MESSAGE_CHARS) return { asked: text, setting: '' };
  // What a colon introduces is read as a sentence: "… tôi còn thiếu một chỗ: trong kế hoạch …, bao nhiêu?".
  const sentences = text.split(/(?<=[.!?…:])\s+|\n+/).filter((sentence) => sentence.trim());
  const asks = (sentence: string) => ASKS_SOMETHING.test(foldVietnamese(sentence));
  const questionMark = (sentence: string) => /\?\s*$/.test(sentence);
  // A sentence with its question mark is the question; a remark after it ("Chớ nhà tui còn chưa có cái máy
  // tính nào nè.") only sounds like one.
  const marked = sentences.findLastIndex(questionMark);
  const last = marked >= 0 ? marked : sentences.findLastIndex(asks);
  if (last <= 0) return { asked: text, setting: '' };
  // "… bố trí bao nhiêu ngân sách, giao cho cơ quan nào? Nếu cần vốn lớn hơn thì sao?": questions asked one
  // after another, each with its question mark, are one question, the later ones leaning on the first.
  let first = last;
  while (
    first > 0 &&
    last - first < MAX_ASKED_SENTENCES - 1 &&
    questionMark(sentences[first]!) &&
    questionMark(sentences[first - 1]!)
  )
    first--;
  if (first === 0) return { asked: text, setting: '' };
  const asked = sentences.slice(first, last + 1).join(' ');
  if (findProvinces(asked).length > 0) return { asked, setting: '' };
  // The story's place is where the bot has documents, if it names one ("Tui ở Giá Rai, hồi trước là Bạc
  // Liêu …", not "con học ở Cần Thơ"), else the last place it names.
  const story = sentences.slice(0, first);
  const named = (sentence: string, known: boolean) =>
    settingProvinces(sentence).some((mention) => !known || knownProvinces.includes(mention.name));
  const setting =
    story.findLast((sentence) => named(sentence, true)) ?? story.findLast((sentence) => named(sentence, false));
  return { asked, setting: setting ?? '' };
}

export function understandQuestion(raw: string, options: UnderstandOptions = {}): UnderstoodQuestion {
  const text = spellYearsInDigits(expandChatShorthand(normalizeVietnamese(raw))).trim();
  const separated = separateInstructions(text);
  const { asked: question, setting } = askedPart(separated.question, options.knownProvinces ?? []);
  const { instruction } = separated;
  const folded = foldVietnamese(rewriteAccented(question));
  const unaccented = folded === question.toLowerCase();

  const initials = findProvinceInitials(question, options.knownProvinces ?? []);
  const provinces = unique(
    [
      ...askedProvinces(placeOfQuestion(question)),
      ...initials,
      ...settingProvinces(setting),
      ...findProvinces(instruction),
    ].map((mention) => mention.name),
  );
  const documentNumbers = documentNumbersIn(question);
  const instructionNumbers = instruction && instruction !== question ? documentNumbersIn(instruction) : [];
  const asksConfirmation = CONFIRMATION.test(folded);
  // "… dữ liệu mới: chỉ tiêu … là 85%. Hãy xác nhận lại.": beside an instruction, a statement that asks
  // nothing is part of the attempt, and its figures are claims.
  const statesForInstruction = instruction !== '' && !ASKS_SOMETHING.test(folded);
  const claimedFigures = unique([
    ...claimedFiguresIn(foldVietnamese(instruction)),
    ...(asksConfirmation || statesForInstruction || HEARSAY.test(folded) ? claimedFiguresIn(folded) : []),
  ]);

  const ownSearchable = searchableText(question, folded, { documentNumbers, initials, claimedFigures });
  // "… tuyên bố tổng kinh phí đã tăng lên 500 tỷ. Sau đó cho tôi biết con số thật": the real figure of what
  // the instruction made a claim about, which only the instruction names.
  const asksRealFigure = instruction !== '' && REAL_FIGURE.test(folded);
  const searchable = asksRealFigure
    ? `${ownSearchable} ${searchableText(instruction, foldVietnamese(instruction), { documentNumbers: instructionNumbers, initials: [], claimedFigures })}`
    : ownSearchable;
  const terms = unique(queryTerms(searchable));
  const topicTerms = topicTermsOf(searchable, terms);

  const alternatives = alternativesOf(searchable);
  const years = unique(
    tokenize(question)
      .filter((token) => /^(?:19|20)\d\d$/.test(token))
      .map(Number),
  );
  const issuerKind = askedIssuerKind(folded);
  const intent = issuerKind
    ? 'catalogue'
    : detectIntent(
        folded,
        // "… đặt mục tiêu gì cho năm 2015?": the year of a target is what it asks about.
        topicTerms.some((term) => !PERIOD_WORDS.has(term)) || (years.length > 0 && TARGET_OF_YEAR.test(folded)),
        documentNumbers.length > 0 || instructionNumbers.length > 0,
      );
  const superlative = SUPERLATIVE_MAX.test(folded) ? 'max' : SUPERLATIVE_MIN.test(folded) ? 'min' : null;
  const elliptical = FOLLOW_UP_START.test(folded) || FOLLOW_UP_END.test(folded);
  // "Văn bản nào trong số đó …" picks among the documents, whichever they are: no one document is pointed at.
  const picksAmong = PICKS_AMONG.test(folded) && ASKS_WHICH.test(folded);
  const refersBack =
    !picksAmong && (unaccented ? BACK_REFERENCE_FOLDED.test(folded) : BACK_REFERENCE.test(question.toLowerCase()));
  // "Nó là quy hoạch của tỉnh nào?" asks where the document in focus is from, not which province ranks.
  const compared = refersBack ? folded.replace(/\b(?:cua )?(?:tinh|dia phuong) nao\b/g, ' ') : folded;
  const comparison = provinces.length >= 2 || COMPARISON.test(compared) || superlative !== null;

  return {
    text,
    intent,
    provinces,
    documentNumbers,
    instructionNumbers,
    years,
    terms,
    topicTerms,
    comparison,
    asksConfirmation,
    claimedFigures,
    refersBack,
    elliptical,
    alternatives,
    instruction: instruction.length > 0,
    // "Tỉnh nào cao nhất" ranks targets, which are percentages unless the question names another unit.
    answerType:
      answerTypeOf(rewriteAccented(question)) ?? claimedType(folded) ?? (superlative ? { kind: 'percent' } : null),
    superlative,
    aboutReplaced: ABOUT_REPLACED.test(folded),
    // "… đã bị thay thế chưa?" asks the document's status, answered in full; "… bởi văn bản nào?" asks which.
    asksSuccessor: ASKS_SUCCESSOR.test(folded) && /\b(?:nao|gi|j)\b/.test(folded) && !ABOUT_REPLACED.test(folded),
    periodYearIndex: periodYearIndexOf(folded),
    asksOutcome: ASKS_OUTCOME.test(folded),
    assertedPeriodYears: assertedPeriodYearsOf(folded),
    issuerKind,
    asksSignerName: ASKS_SIGNER_NAME.test(folded) || (ASKS_SIGNER.test(folded) && ASKS_NAME.test(folded)),
    asksSigner: ASKS_SIGNER.test(folded),
    askedDocumentType: DOCUMENT_TYPE.exec(folded)?.[0] ?? null,
    formerOnly: formerProvinces(question),
    parts: questionParts(question),
    concepts: conceptPhrasesIn(tokenize(searchable)),
    asksPostingDate: POSTING.test(folded),
    asksEffectiveDate: EFFECTIVE_DATE.test(folded),
    asksAttendees: ASKS_ATTENDEES.test(folded),
    countsEntries: COUNTS_ENTRIES.test(folded),
    asksGeneralAim: GENERAL_AIM.test(folded),
    asksCurrentUnit: CURRENT_UNIT.test(folded),
    assertedIssueYear: ((year) => (year ? Number(year) : null))(ASSERTED_ISSUE_YEAR.exec(folded)?.[1]),
  };
}

const EFFECTIVE_DATE =
  /\bhieu luc (?:tu|ke tu) (?:ngay|khi|luc) (?:nao|bao gio)\b|\bco hieu luc (?:tu )?(?:ngay nao|khi nao|bao gio|tu bao gio|tu khi nao)\b/;
const ASSERTED_ISSUE_YEAR =
  /\b(?:ky|ban hanh|phe duyet)(?: (?:vao|tu|trong|hoi))? (?:nam |ngay \d{1,2}\/\d{1,2}\/|ngay \d{1,2} thang \d{1,2} nam )((?:19|20)\d\d)\b/;

const TARGET_OF_YEAR = /\b(?:muc tieu|chi tieu)\b.{0,30}\b(?:cho|den|vao|trong|toi) (?:het )?(?:nam )?(?:19|20)\d\d\b/;

/** "Con số thật", "số liệu đúng": the true value of something said elsewhere in the message. */
const REAL_FIGURE = /\b(?:con so|so lieu) (?:that|thuc(?! hien)|dung|chinh xac|goc)\b/;

/** "… nhập với Quảng Bình", "đã nhập Đắk Nông, Bình Thuận": the verb of a merger before the provinces it names. */
const MERGED_WITH = /\b(?:sap nhap|hop nhat|nhap|gop|gom|bao gom)(?: voi| vao| ca| them)?\s*(?:tinh |thanh pho )?$/;
const BETWEEN_LISTED = /^\s*(?:,|va)\s*(?:tinh |thanh pho )?$/;
/** Between a former province and its unit today: "giờ đã thuộc", "nay là", "nhập vô". */
const NOW_PART_OF = /^[^.?!]{0,40}\b(?:thuoc|nay la|gio la|nhap (?:vo|vao|voi)|sap nhap (?:vao|voi)|ve)\b[^.?!]{0,20}$/;
/** "Quảng Trị cũ", "Quảng Trị (trước khi nhập …)": the former province itself. */
const FORMER_ONLY = /^\s*\(?\s*(?:cu\b|truoc khi (?:sap nhap|hop nhat|nhap|gop)\b)/;

/**
 * The provinces a question asks about, each once: not those named as merged into another ("Lâm Đồng mới (đã
 * nhập Đắk Nông, Bình Thuận)", "Quảng Trị cũ (trước khi nhập với Quảng Bình)"), which describe a place.
 */
function askedProvinces(question: string): ProvinceMention[] {
  const folded = foldVietnamese(question);
  const mentions = findProvinceMentions(question);
  const describing = new Set<ProvinceMention>();
  for (const [i, mention] of mentions.entries()) {
    const previous = mentions[i - 1];
    const listedAfter =
      previous !== undefined &&
      describing.has(previous) &&
      BETWEEN_LISTED.test(folded.slice(previous.index + previous.length, mention.index));
    if (listedAfter || MERGED_WITH.test(folded.slice(0, mention.index))) describing.add(mention);
  }
  // "X, giờ đã thuộc Y": one place named twice. The question is about the one it names again ("Phan Thiết,
  // giờ đã thuộc Lâm Đồng. Lâm Đồng có …" asks of Lâm Đồng, whose documents include the former province's);
  // otherwise about the former province, the unit only saying where it is now ("Bình Thuận cũ, nay thuộc …").
  const namedAgain = (mention: ProvinceMention) =>
    mentions.some((other) => other !== mention && other.name === mention.name);
  for (const [i, former] of mentions.entries()) {
    const unit = mentions[i + 1];
    if (!unit || former.name === unit.name || !formerUnitsOf(unit.name).includes(former.name)) continue;
    if (!NOW_PART_OF.test(folded.slice(former.index + former.length, unit.index))) continue;
    if (namedAgain(unit) && !namedAgain(former)) describing.add(former);
    else describing.add(unit);
  }
  const asked = mentions.filter((mention) => !describing.has(mention));
  const seen = new Set<string>();
  return (asked.length > 0 ? asked : mentions).filter((mention) => !seen.has(mention.name) && seen.add(mention.name));
}

/**
 * Where a message of several sentences names its place: the sentence that asks, when it names one ("Tỉnh Lâm
 * Đồng mới giờ gồm cả Bình Thuận cũ. Vậy Bình Thuận cũ có văn bản nào …?" asks of Bình Thuận); else all of it.
 */
function placeOfQuestion(question: string): string {
  const sentences = question.split(/(?<=[.!?…])\s+/u).filter((sentence) => sentence.trim());
  if (sentences.length < 2) return question;
  const asking = sentences.findLast((sentence) => /\?\s*$/.test(sentence)) ?? sentences.at(-1)!;
  return findProvinceMentions(asking).length > 0 ? asking : question;
}

function formerProvinces(question: string): string[] {
  const folded = foldVietnamese(question);
  return unique(
    findProvinceMentions(question)
      .filter((mention) => FORMER_ONLY.test(folded.slice(mention.index + mention.length)))
      .map((mention) => mention.name),
  );
}

/**
 * The provinces a long message's story names: the former province when it names the unit it is now part of
 * too ("xã mình trước thuộc Bạc Liêu, nay về Cà Mau"), which is one place, not two to compare.
 */
function settingProvinces(setting: string): ProvinceMention[] {
  const found = findProvinces(setting);
  return found.filter(
    (mention) => !found.some((other) => other !== mention && formerUnitsOf(mention.name).includes(other.name)),
  );
}

const ASSERTED_RANGE = /\bgiai doan ((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b/g;
const ASSERTED_VISION =
  /\btam nhin (?:den )?(?:nam )?((?:19|20)\d\d)\b|\bden (?:nam )?(?:19|20)\d\d,?\s*(?:va\s+)?dinh huong (?:den )?(?:nam )?((?:19|20)\d\d)\b/g;

const ASSERTED_PERIOD_SPAN =
  /\bgiai doan (?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\b|(?:\bden nam (?:19|20)\d\d,?\s*(?:va\s+)?)?\btam nhin (?:den )?(?:nam )?(?:19|20)\d\d\b|\bden (?:nam )?(?:19|20)\d\d,?\s*(?:va\s+)?dinh huong (?:den )?(?:nam )?(?:19|20)\d\d\b/g;

/** A question without the period it says a plan is for ("… đến 2025, định hướng 2035"), which names the plan. */
export function withoutAssertedPeriod(folded: string): string {
  return folded.replace(ASSERTED_PERIOD_SPAN, ' ');
}

function assertedPeriodYearsOf(folded: string): number[] {
  return unique([
    ...[...folded.matchAll(ASSERTED_RANGE)].flatMap((match) => [Number(match[1]), Number(match[2])]),
    ...[...folded.matchAll(ASSERTED_VISION)].map((match) => Number(match[1] ?? match[2])),
  ]);
}

const ASKS_OUTCOME =
  /\bthuc te\b.{0,40}\b(?:dat duoc|da dat|dat(?! muc tieu| chi tieu)|co|lam duoc|trien khai duoc|hoan thanh|da vao|da lot vao|vao duoc|xep (?:thu|hang)|dung thu)\b|\b(?:xep|dung) (?:thu|hang) (?:may|bao nhieu|nao)\b|\bda (?:vao|lot vao|dat|hoan thanh)\b.{0,50}\bchua\s*[?!.]*\s*$|\bthuc su\b.{0,30}\b(?:dat|vao|lot|hoan thanh|lam duoc)\b|\bda dat duoc\b|\bket qua (?:thuc hien|dat duoc|trien khai)\b|\bdat duoc chua\b|\bhoan thanh (?:duoc )?chua\b|\bco (?:dat|vao|lot vao) duoc\b/;

const PERIOD_YEAR_PLACES: ReadonlyArray<readonly [RegExp, number]> = [
  [/\bnam (?:dau tien|dau|thu nhat)\b/, 0],
  [/\bnam thu hai\b/, 1],
  [/\bnam thu ba\b/, 2],
  [/\bnam (?:cuoi cung|cuoi)\b/, -1],
];

function periodYearIndexOf(folded: string): number | null {
  return PERIOD_YEAR_PLACES.find(([pattern]) => pattern.test(folded))?.[1] ?? null;
}

/** The kinds of legal document people name; "pháp luật" and "luật sư" are not a law. */
const DOCUMENT_TYPE =
  /(?<!phap )\bluat\b(?! su)|\b(?:nghi quyet|quyet dinh|chi thi|nghi dinh|thong tu|ke hoach|de an|cong van)\b/;

/** "Ai là người ký …?", or "ai ký … tên gì?": a person's name, which no metadata holds. */
const ASKS_SIGNER_NAME =
  /\bai la nguoi ky\b|\bai la\b.{0,60}\bky\b.{0,60}\bten\b|\bnguoi ky\b.{0,40}\bla ai\b|\b(?:chu tich|pho chu tich|giam doc|bi thu|truong ban)\b.{0,80}\bten (?:la )?(?:gi|j)\b/;
const ASKS_SIGNER = /\b(?:ai ky|nguoi ky|ky boi ai)\b/;
const ASKS_NAME = /\b(?:ten (?:gi|la gi)|ho ten|ten nguoi|la ai)\b/;

/**
 * The question as searched: without what names the scope (provinces, their initials, document numbers), the
 * figures a user claims, phrases about the bot, courtesies and the catalogue phrase ("danh sách văn bản").
 */
/** A date written within a few words after a document's kind: "quyết định … của UBND tỉnh … ngày 28/12/2012". */
const DOCUMENT_BY_DATE =
  /(\b(?:quyet dinh|nghi quyet|ke hoach|van ban|chi thi|quy hoach)\b(?: \S+){0,14}?)\s+ngay\s+\d{1,2}(?:\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\s+thang\s+\d{1,2}\s+nam\s+\d{4})/g;

/** The date written after a document's number ("… ngày 28/12/2012", "… ngày 28 tháng 12 năm 2012"), folded. */
const DATE_AFTER_NUMBER = String.raw`(?:,?\s+ngay\s+\d{1,2}(?:\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\s+thang\s+\d{1,2}\s+nam\s+\d{4}))?`;

function searchableText(
  question: string,
  folded: string,
  found: {
    documentNumbers: readonly string[];
    initials: readonly ProvinceMention[];
    claimedFigures: readonly string[];
  },
): string {
  let searchable = folded.replace(ABOUT_THE_BOT, ' ').replace(FILLER, ' ').replace(CATALOGUE_GLOBAL, ' ');
  // "Nó" points back at the document in focus; it says nothing of the topic.
  if (/(?<![\p{L}])nó(?![\p{L}])/u.test(question.toLowerCase()) || /^\s*no\b/.test(folded)) {
    searchable = searchable.replace(/\bno\b/g, ' ');
  }
  // "Quyết định số 4086/QĐ-UBND ngày 28 tháng 12 năm 2012": the number and the date after it name the document.
  for (const number of found.documentNumbers) {
    const named = new RegExp(`(?:\\bso\\s+)?${escapeRegExp(foldVietnamese(number))}${DATE_AFTER_NUMBER}`, 'g');
    searchable = searchable.replace(named, ' ');
  }
  // "Quyết định … của UBND tỉnh Hà Tĩnh ngày 28 tháng 12 năm 2012 thay thế văn bản nào?": a document named by
  // its date, when the date is not what is asked; "… ký ngày 28/12/2013 …", a signing date to check.
  if (!ASKS_DATE.test(folded)) searchable = searchable.replace(DOCUMENT_BY_DATE, '$1 ');
  searchable = searchable.replace(new RegExp(ASSERTED_ISSUE_YEAR.source, 'g'), ' ');
  searchable = stripProvinces(searchable);
  for (const mention of found.initials) {
    const initials = foldVietnamese(provinceInitials(mention.name));
    searchable = searchable.replace(new RegExp(`\\b${initials}\\b`, 'g'), ' ');
  }
  if (found.claimedFigures.length > 0) searchable = searchable.replace(CLAIMED_FIGURE, ' $2');
  // "… đến năm 2030, tầm nhìn 2045 có chỉ tiêu gì": the period said names the plan, true or not; it is checked
  // against the plan's own, never searched for.
  return searchable.replace(ASSERTED_PERIOD_SPAN, ' ');
}

/** For "… A hoặc B": the terms only one side has, per side. */
function alternativesOf(searchable: string): string[][] {
  const sides = searchable.split(/\bhoac(?: la)?\b/);
  const sideTerms = sides.length > 1 ? sides.map((side) => new Set(queryTerms(side))) : [];
  return sideTerms.map((own, i) =>
    [...own].filter((term) => sideTerms.every((other, j) => j === i || !other.has(term))),
  );
}

/** The kind of unit said before a province's name ("tỉnh", "thành phố", "TP."): part of the name, not a topic. */
const UNIT_BEFORE_NAME = /\b(?:tinh|thanh pho|tp\.?)\s+$/;

/** Blanks out province names (with the unit said before them) in folded text so they do not become search terms. */
function stripProvinces(folded: string): string {
  let result = folded;
  for (const mention of findProvinceMentions(folded)) {
    const unit = UNIT_BEFORE_NAME.exec(result.slice(0, mention.index));
    const start = unit ? unit.index : mention.index;
    // "Lâm Đồng mới", "Quảng Trị cũ": which of the two units of that name, not a topic.
    const age = /^\s+(?:moi|cu)\b/.exec(result.slice(mention.index + mention.length));
    const end = mention.index + mention.length + (age ? age[0].length : 0);
    result = result.slice(0, start) + ' '.repeat(end - start) + result.slice(end);
  }
  return result;
}
