/** Every sequence issue 15 found printed raw: clipboard write, window title, hyperlink, clear screen, C1 CSI, bidi. */
export const HOSTILE =
  '\x1b]52;c;cHduZWQ=\x07 \x1b]0;pwned\x07 \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ \x1b[2J \u009b31m \u202eevil\u202c \u2066iso\u2069';

/** A control character a terminal would act on (tab and line feed excepted), or a bidi override. */
export const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
