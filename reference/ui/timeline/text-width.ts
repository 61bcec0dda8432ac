/**
 * How wide a label will be drawn, without a browser to measure it: the
 * advance widths of DejaVu Sans (measured in Chromium at 100 px), the
 * widest of the fonts the pictures ask for ("DejaVu Sans, Verdana,
 * sans-serif"), so a box computed here holds the text in any of them.
 * Characters outside printable ASCII count as a full em.
 */

export const PICTURE_FONT = 'DejaVu Sans, Verdana, sans-serif';

// Widths of ' ' (32) to '~' (126) in hundredths of an em, in character order.
const ASCII_WIDTHS = [
  32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, // space ! " # $ % & ' ( ) * + , - . /
  64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 53, // 0-9 : ; < = > ?
  100, 68, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75, 79, // @ A-O
  60, 79, 69, 63, 61, 73, 68, 99, 69, 61, 69, 39, 34, 39, 84, 50, // P-Z [ \ ] ^ _
  50, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61, // ` a-o
  63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84, //     p-z { | } ~
];

/** Width in px of `text` at `fontSize` px; bold text is drawn about 10 % wider. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let hundredths = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    hundredths += code >= 32 && code <= 126 ? ASCII_WIDTHS[code - 32]! : 100;
  }
  return (hundredths / 100) * fontSize * (bold ? 1.1 : 1);
}

/** The longest prefix of `text` that fits in `maxWidth`, ending in an ellipsis when cut. */
export function fitText(text: string, fontSize: number, maxWidth: number, bold = false): string {
  if (textWidth(text, fontSize, bold) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length && textWidth(chars.join('') + '…', fontSize, bold) > maxWidth) chars.pop();
  return chars.join('') + '…';
}
