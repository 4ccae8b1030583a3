//! The machine-readable marks: QR codes (qrcode's module matrix, written as a small greyscale
//! PNG that the PDF scales without smoothing, so every module prints as a sharp square and a
//! PDF reader lists it as one image) and Code 128 bars (barcoders' encoding, drawn as vector
//! bars).

use super::PrintError;

/// Modules of light margin around a QR code (the standard's quiet zone).
pub const QR_QUIET: usize = 4;
/// Pixels per module in the PNG.
const QR_SCALE: usize = 4;

/// The QR module matrix of `text`: `width` × `width` booleans, true = dark. Error
/// correction M: a smudged poster still reads.
pub fn qr_modules(text: &str) -> Result<(usize, Vec<bool>), PrintError> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M)
        .map_err(|_| PrintError::QrTooLong(text.chars().count()))?;
    let width = code.width();
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    Ok((width, dark))
}

/// The QR code of `text` as a greyscale PNG with its quiet zone; answers the PNG and its side
/// in pixels.
pub fn qr_png(text: &str) -> Result<(Vec<u8>, u32), PrintError> {
    let (width, dark) = qr_modules(text)?;
    let side = (width + 2 * QR_QUIET) * QR_SCALE;
    let mut pixels = vec![255u8; side * side];
    for y in 0..width {
        for x in 0..width {
            if dark[y * width + x] {
                for dy in 0..QR_SCALE {
                    let row = (y + QR_QUIET) * QR_SCALE + dy;
                    let from = row * side + (x + QR_QUIET) * QR_SCALE;
                    pixels[from..from + QR_SCALE].fill(0);
                }
            }
        }
    }
    let mut png_bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png_bytes, side as u32, side as u32);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder
            .write_header()
            .map_err(|e| PrintError::Write(e.to_string()))?;
        writer
            .write_image_data(&pixels)
            .map_err(|e| PrintError::Write(e.to_string()))?;
    }
    Ok((png_bytes, side as u32))
}

/// The QR code of `text` as SVG (one path of unit squares, quiet zone included), for the
/// app's preview.
pub fn qr_svg(text: &str) -> Result<String, PrintError> {
    let (width, dark) = qr_modules(text)?;
    let side = width + 2 * QR_QUIET;
    let mut path = String::new();
    for y in 0..width {
        for x in 0..width {
            if dark[y * width + x] {
                path.push_str(&format!("M{} {}h1v1h-1z", x + QR_QUIET, y + QR_QUIET));
            }
        }
    }
    Ok(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" shape-rendering="crispEdges"><rect width="{side}" height="{side}" fill="#fff"/><path d="{path}" fill="#000"/></svg>"##
    ))
}

/// The Code 128 modules of `code` (set B, which holds every character a code may have):
/// 1 = bar, 0 = space, without the quiet zones.
pub fn code128(code: &str) -> Result<Vec<u8>, PrintError> {
    barcoders::sym::code128::Code128::new(format!("Ɓ{code}"))
        .map(|b| b.encode())
        .map_err(|_| PrintError::Barcode(code.to_string()))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Decodes a PNG the way a phone would see the printed square.
    pub(crate) fn read_qr(png_bytes: &[u8]) -> String {
        let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        let (w, h) = (info.width as usize, info.height as usize);
        let channels = buf.len() / (w * h);
        let mut img =
            rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| buf[(y * w + x) * channels]);
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one QR code in the image");
        grids[0].decode().unwrap().1
    }

    #[test]
    fn a_qr_png_reads_back_as_its_text() {
        for text in [
            "MX7K3QH9T",
            "https://pay.weixin.qq.com/claim?stock=1234567&x=中文",
        ] {
            let (png_bytes, _) = qr_png(text).unwrap();
            assert_eq!(read_qr(&png_bytes), text);
        }
    }

    #[test]
    fn code128_bars_start_and_stop_with_bars() {
        let bars = code128("MX7K3QH9T").unwrap();
        // Start B, 9 characters, checksum: 11 modules each; the stop pattern has 13.
        assert_eq!(bars.len(), 11 * 11 + 13);
        assert_eq!((bars[0], bars[bars.len() - 1]), (1, 1));
        assert!(code128("中文").is_err());
    }
}
