/** Said once when a user goes over the per-minute limit; then the bot stays silent until the window passes. */
export const RATE_LIMITED_TEXT = 'Bạn đang gửi quá nhiều tin nhắn. Vui lòng đợi khoảng một phút rồi hỏi tiếp nhé.';
/** Said for photos, stickers, voice, files, locations. */
export const NON_TEXT_TEXT =
  'Xin lỗi, tôi chỉ đọc được tin nhắn chữ. Bạn hãy gõ câu hỏi về quy hoạch, kế hoạch CNTT của tỉnh bạn quan tâm nhé.';
/** Said when answering failed unexpectedly: the user hears something rather than nothing. */
export const INTERNAL_ERROR_TEXT = 'Xin lỗi, hệ thống đang gặp sự cố khi trả lời. Bạn vui lòng hỏi lại sau ít phút.';
