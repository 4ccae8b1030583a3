//! The three printables laid out as pages: a poster (A4 or A3 portrait), a table tent (one
//! A4 sheet folded into two A5 faces, the upper one turned so both sides read standing), and
//! voucher sheets (10 per A4 with cut marks; each voucher its code as text, QR and Code 128).

use std::sync::Arc;

use super::canvas::{hex, Op, Page, Pen, Rgb, MUTED, WHITE};
use super::marks;
use super::offer::OfferText;
use super::PrintError;
use crate::report::pdf::fonts::FontFace;
use crate::text::Lang;

/// A4 and A3 in points.
pub const A4: (f32, f32) = (595.28, 841.89);
pub const A3: (f32, f32) = (841.89, 1190.55);
/// The headline's red: festive, and readable on white from across a mall's entrance.
const RED: Rgb = (0xc8, 0x1e, 0x1e);

fn clip(mut lines: Vec<String>, max: usize) -> Vec<String> {
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            last.pop();
            last.push('…');
        }
    }
    lines
}

/// The wallet's mark: its name in its colour on a white plate, right-aligned at `right`.
fn wallet_mark(pen: &mut Pen<'_>, offer: &OfferText, right: f32, y: f32, size: f32) {
    let w = pen.width(&offer.wallet, size, true) + size * 1.6;
    let h = size * 2.0;
    pen.rect(right - w, y, w, h, WHITE);
    pen.text(
        right - w + size * 0.8,
        y + size * 1.38,
        size,
        true,
        hex(&offer.wallet_color),
        &offer.wallet,
    );
}

fn qr_image(link: &str, x: f32, y: f32, side: f32) -> Result<Op, PrintError> {
    let (png, _) = marks::qr_png(link)?;
    Ok(Op::Image {
        x,
        y,
        w: side,
        h: side,
        png: Arc::new(png),
    })
}

/// A poster of `size` (A4 or A3; everything scales with the width).
pub fn poster(
    offer: &OfferText,
    link: Option<&str>,
    size: (f32, f32),
    regular: &FontFace,
    bold: &FontFace,
) -> Result<Page, PrintError> {
    let (w, h) = size;
    let k = w / A4.0;
    let mut pen = Pen {
        regular,
        bold,
        ops: vec![],
    };
    let color = hex(&offer.wallet_color);
    let inner = w - 80.0 * k;
    pen.rect(0.0, 0.0, w, 130.0 * k, color);
    pen.text(40.0 * k, 78.0 * k, 28.0 * k, true, WHITE, &offer.mall);
    wallet_mark(&mut pen, offer, w - 40.0 * k, 50.0 * k, 14.0 * k);
    pen.centred(
        w / 2.0,
        268.0 * k,
        (110.0 * k, true, RED),
        &offer.headline,
        inner,
    );
    pen.centred(
        w / 2.0,
        316.0 * k,
        (28.0 * k, false, (0x22, 0x22, 0x22)),
        &offer.name,
        inner,
    );
    pen.centred(
        w / 2.0,
        350.0 * k,
        (18.0 * k, false, MUTED),
        &offer.validity,
        inner,
    );
    let mut y = 374.0 * k;
    if let Some(link) = link {
        let side = 214.0 * k;
        pen.ops.push(qr_image(link, (w - side) / 2.0, y, side)?);
        y += side + 22.0 * k;
        pen.centred(w / 2.0, y, (16.0 * k, true, color), &offer.scan_hint, inner);
    }
    y += 36.0 * k;
    for line in clip(pen.wrap(&offer.stores, 14.0 * k, inner), 3) {
        pen.centred(
            w / 2.0,
            y,
            (14.0 * k, false, (0x22, 0x22, 0x22)),
            &line,
            inner,
        );
        y += 20.0 * k;
    }
    y += 6.0 * k;
    let terms: Vec<String> = offer
        .terms
        .iter()
        .flat_map(|t| pen.wrap(t, 10.5 * k, inner))
        .collect();
    // As many lines as fit above the footer; the last says there is more.
    let room = ((h - 58.0 * k - y) / (15.0 * k)).max(0.0) as usize + 1;
    for line in clip(terms, room) {
        pen.centred(w / 2.0, y, (10.5 * k, false, MUTED), &line, inner);
        y += 15.0 * k;
    }
    pen.line(
        (40.0 * k, h - 44.0 * k),
        (w - 40.0 * k, h - 44.0 * k),
        0.6 * k,
        color,
        false,
    );
    pen.text(40.0 * k, h - 26.0 * k, 10.0 * k, false, MUTED, &offer.mall);
    Ok(Page { w, h, ops: pen.ops })
}

/// One face of the tent, A5 landscape, drawn at `top`.
fn tent_face(
    pen: &mut Pen<'_>,
    offer: &OfferText,
    link: Option<&str>,
    top: f32,
) -> Result<(), PrintError> {
    let w = A4.0;
    let color = hex(&offer.wallet_color);
    pen.rect(0.0, top, w, 54.0, color);
    pen.text(28.0, top + 35.0, 18.0, true, WHITE, &offer.mall);
    wallet_mark(pen, offer, w - 28.0, top + 14.0, 11.0);
    let left_w = if link.is_some() { 330.0 } else { w - 56.0 };
    let cx = 28.0 + left_w / 2.0;
    pen.centred(cx, top + 150.0, (64.0, true, RED), &offer.headline, left_w);
    pen.centred(
        cx,
        top + 190.0,
        (18.0, false, (0x22, 0x22, 0x22)),
        &offer.name,
        left_w,
    );
    pen.centred(
        cx,
        top + 218.0,
        (12.0, false, MUTED),
        &offer.validity,
        left_w,
    );
    let mut y = top + 250.0;
    for line in clip(pen.wrap(&offer.stores, 10.5, left_w), 3) {
        pen.centred(cx, y, (10.5, false, (0x22, 0x22, 0x22)), &line, left_w);
        y += 15.0;
    }
    y += 6.0;
    let terms: Vec<String> = offer
        .terms
        .iter()
        .flat_map(|t| pen.wrap(t, 9.0, left_w))
        .collect();
    for line in clip(terms, 5) {
        pen.centred(cx, y, (9.0, false, MUTED), &line, left_w);
        y += 13.0;
    }
    if let Some(link) = link {
        let side = 180.0;
        let x = w - 28.0 - side;
        pen.ops.push(qr_image(link, x, top + 90.0, side)?);
        pen.centred(
            x + side / 2.0,
            top + 90.0 + side + 20.0,
            (11.0, true, color),
            &offer.scan_hint,
            side + 20.0,
        );
    }
    Ok(())
}

/// The table tent: both faces on one A4 sheet, a dashed fold line between them.
pub fn tent(
    offer: &OfferText,
    link: Option<&str>,
    lang: Lang,
    regular: &FontFace,
    bold: &FontFace,
) -> Result<Page, PrintError> {
    let (w, h) = A4;
    let mut pen = Pen {
        regular,
        bold,
        ops: vec![],
    };
    pen.ops.push(Op::TurnedStart { w, h: h / 2.0 });
    tent_face(&mut pen, offer, link, 0.0)?;
    pen.ops.push(Op::TurnedEnd);
    tent_face(&mut pen, offer, link, h / 2.0)?;
    pen.line((0.0, h / 2.0), (w, h / 2.0), 0.5, MUTED, true);
    let hint = if lang == Lang::ZhCn {
        "沿虚线对折，立于桌面"
    } else {
        "Fold along the dashed line and stand it up"
    };
    // At the foot of the lower face, which stands on the table: out of the shopper's view.
    pen.text(8.0, h - 8.0, 6.5, false, MUTED, hint);
    Ok(Page { w, h, ops: pen.ops })
}

/// Vouchers per A4 sheet: 2 across, 5 down.
pub const PER_SHEET: usize = 10;
const MARGIN: f32 = 28.35;

/// Sheets of vouchers, one per code.
pub fn vouchers(
    offer: &OfferText,
    codes: &[String],
    lang: Lang,
    regular: &FontFace,
    bold: &FontFace,
) -> Result<Vec<Page>, PrintError> {
    let (w, h) = A4;
    let cw = (w - 2.0 * MARGIN) / 2.0;
    let ch = (h - 2.0 * MARGIN) / 5.0;
    let show = if lang == Lang::ZhCn {
        "出示券码核销"
    } else {
        "Show at the till"
    };
    let mut pages = Vec::new();
    for sheet in codes.chunks(PER_SHEET) {
        let mut pen = Pen {
            regular,
            bold,
            ops: vec![],
        };
        cut_marks(&mut pen, cw, ch);
        for (i, code) in sheet.iter().enumerate() {
            let x = MARGIN + (i % 2) as f32 * cw;
            let y = MARGIN + (i / 2) as f32 * ch;
            voucher(&mut pen, offer, code, show, (x, y, cw, ch))?;
        }
        pages.push(Page { w, h, ops: pen.ops });
    }
    Ok(pages)
}

fn voucher(
    pen: &mut Pen<'_>,
    offer: &OfferText,
    code: &str,
    show: &str,
    (x, y, cw, ch): (f32, f32, f32, f32),
) -> Result<(), PrintError> {
    let color = hex(&offer.wallet_color);
    let qr = 80.0;
    let left = x + 16.0;
    let left_w = cw - qr - 40.0;
    // The strip ends 11 points before the bars: the quiet zone a scanner needs (10 modules).
    pen.rect(x + 2.0, y + 10.0, 3.0, ch - 20.0, color);
    let fit = |pen: &Pen<'_>, text: &str, size: f32, bold: bool| {
        let mut s = size;
        while s > 5.0 && pen.width(text, s, bold) > left_w {
            s *= 0.92;
        }
        s
    };
    let s = fit(pen, &offer.mall, 8.5, false);
    pen.text(left, y + 22.0, s, false, MUTED, &offer.mall);
    let s = fit(pen, &offer.headline, 26.0, true);
    pen.text(left, y + 52.0, s, true, RED, &offer.headline);
    let s = fit(pen, &offer.name, 10.0, false);
    pen.text(left, y + 68.0, s, false, (0x22, 0x22, 0x22), &offer.name);
    let s = fit(pen, &offer.validity, 7.5, false);
    pen.text(left, y + 81.0, s, false, MUTED, &offer.validity);
    let s = fit(pen, code, 13.0, true);
    pen.text(left, y + 100.0, s, true, (0, 0, 0), code);
    let bars = marks::code128(code)?;
    let module = (left_w / bars.len() as f32).min(1.0);
    pen.ops.push(Op::Bars {
        x: left,
        y: y + 107.0,
        module,
        h: 26.0,
        bars,
    });
    if let Some(term) = offer.terms.first() {
        let s = fit(pen, term, 6.5, false);
        pen.text(left, y + ch - 10.0, s, false, MUTED, term);
    }
    let qx = x + cw - qr - 14.0;
    pen.ops.push(qr_image(code, qx, y + 18.0, qr)?);
    pen.centred(
        qx + qr / 2.0,
        y + 18.0 + qr + 12.0,
        (7.5, false, MUTED),
        show,
        qr + 10.0,
    );
    Ok(())
}

/// Short lines in the margin where each row and column is cut, and small crosses where inner
/// cuts meet: the print shop's guillotine lines up on them.
fn cut_marks(pen: &mut Pen<'_>, cw: f32, ch: f32) {
    let (w, h) = A4;
    let mark = (0.4, (0, 0, 0));
    for col in 0..=2 {
        let x = MARGIN + col as f32 * cw;
        pen.line((x, 6.0), (x, MARGIN - 4.0), mark.0, mark.1, false);
        pen.line((x, h - MARGIN + 4.0), (x, h - 6.0), mark.0, mark.1, false);
    }
    for row in 0..=5 {
        let y = MARGIN + row as f32 * ch;
        pen.line((6.0, y), (MARGIN - 4.0, y), mark.0, mark.1, false);
        pen.line((w - MARGIN + 4.0, y), (w - 6.0, y), mark.0, mark.1, false);
    }
    for row in 1..5 {
        let y = MARGIN + row as f32 * ch;
        let x = MARGIN + cw;
        pen.line((x - 5.0, y), (x + 5.0, y), mark.0, mark.1, false);
        pen.line((x, y - 5.0), (x, y + 5.0), mark.0, mark.1, false);
    }
}
