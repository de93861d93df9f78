#pragma once
// An opaque picture as an 8-bit RGB PNG, encoded on two threads. Qt's PNG writer (libpng) does
// it on one: filtering and deflating a 1280x720 chart took it about 75 ms, a tenth of a render
// of ten million rows and all of it after the drawing. Here the rows are split in two halves,
// each filtered (libpng's rule: per row the filter whose bytes sum smallest) and deflated at
// the same zlib level on its own thread; the second half's deflate starts with the end of the
// first as its dictionary and the first ends on a byte boundary without closing the stream, so
// the two are one zlib stream (as pigz joins its pieces). The pixels are Qt's to the bit; the
// file a little different in its bytes.

#include <QByteArray>

class QImage;

// Appends `image` as a PNG to out and returns true when every pixel is opaque (Format_RGB32,
// or a 32-bit ARGB format with alpha 255 throughout); false, with out unchanged, otherwise (the
// caller then keeps Qt's writer). level: zlib's, 0 to 9. Keeps the image's dots per metre
// (pHYs), as Qt's writer does.
bool writeOpaquePng(const QImage& image, int level, QByteArray& out);
