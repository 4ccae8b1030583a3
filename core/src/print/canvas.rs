//! Pages as lists of drawing operations, then drawn with krilla: the layouts stay plain data
//! a test can look into (which image sits on which voucher), and one function turns them into
//! a PDF with the report's embedded CJK font.

use std::sync::Arc;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::Document;

use super::PrintError;
use crate::report::pdf::fonts::FontFace;

/// A colour as red, green, blue.
pub type Rgb = (u8, u8, u8);

pub const BLACK: Rgb = (0x22, 0x22, 0x22);
pub const MUTED: Rgb = (0x66, 0x66, 0x66);
pub const WHITE: Rgb = (0xff, 0xff, 0xff);

/// `#07c160` → (7, 193, 96); black for anything else.
pub fn hex(color: &str) -> Rgb {
    let c = color.trim_start_matches('#');
    let part = |i: usize| {
        c.get(i..i + 2)
            .and_then(|p| u8::from_str_radix(p, 16).ok())
            .unwrap_or(0)
    };
    if c.len() == 6 {
        (part(0), part(2), part(4))
    } else {
        BLACK
    }
}

/// One thing drawn; coordinates in points from the top-left, text at its baseline.
#[derive(Debug, Clone)]
pub enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: Rgb,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        color: Rgb,
        dashed: bool,
    },
    /// A PNG scaled to `w` × `h`, never smoothed (QR modules stay square).
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        png: Arc<Vec<u8>>,
    },
    /// Code 128 modules, `module` points wide each, `h` high.
    Bars {
        x: f32,
        y: f32,
        module: f32,
        h: f32,
        bars: Vec<u8>,
    },
    /// What follows is drawn turned 180° within the box from (0, 0) to (`w`, `h`): the upper
    /// face of a table tent, read from the other side.
    TurnedStart {
        w: f32,
        h: f32,
    },
    TurnedEnd,
}

/// A page and what is on it.
pub struct Page {
    pub w: f32,
    pub h: f32,
    pub ops: Vec<Op>,
}

/// Writes ops with the fonts' metrics at hand.
pub struct Pen<'a> {
    pub regular: &'a FontFace,
    pub bold: &'a FontFace,
    pub ops: Vec<Op>,
}

impl Pen<'_> {
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        if bold { self.bold } else { self.regular }.width(text, size)
    }

    pub fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, color: Rgb, text: &str) {
        self.ops.push(Op::Text {
            x,
            y,
            size,
            bold,
            color,
            text: text.to_string(),
        });
    }

    /// `text` centred on `cx` in (size, bold, colour), shrunk until it fits `max_w`.
    pub fn centred(&mut self, cx: f32, y: f32, style: (f32, bool, Rgb), text: &str, max_w: f32) {
        let (mut size, bold, color) = style;
        while size > 6.0 && self.width(text, size, bold) > max_w {
            size *= 0.92;
        }
        let w = self.width(text, size, bold);
        self.text(cx - w / 2.0, y, size, bold, color, text);
    }

    /// `text` wrapped to lines of at most `max_w`: at spaces in Latin text, between any two
    /// Chinese characters. Answers the lines.
    pub fn wrap(&self, text: &str, size: f32, max_w: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for c in text.chars() {
            let mut next = line.clone();
            next.push(c);
            if !line.is_empty() && self.width(&next, size, false) > max_w {
                // Break at the last space when the line has one, so words stay whole.
                match line.rfind(' ').filter(|_| c.is_ascii_alphanumeric()) {
                    Some(at) if at > 0 => {
                        let rest = line[at + 1..].to_string();
                        lines.push(line[..at].to_string());
                        line = rest;
                        line.push(c);
                    }
                    _ => {
                        lines.push(std::mem::take(&mut line));
                        line.push(c);
                    }
                }
            } else {
                line = next;
            }
        }
        if !line.trim().is_empty() {
            lines.push(line);
        }
        lines
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb) {
        self.ops.push(Op::Rect { x, y, w, h, color });
    }

    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, color: Rgb, dashed: bool) {
        self.ops.push(Op::Line {
            from,
            to,
            width,
            color,
            dashed,
        });
    }
}

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// A face's glyphs for `text`, one per character at its advance: no shaping. Chinese and the
/// Latin of codes and dates need none, and krilla's own `draw_text` builds a shaper from the
/// whole CJK font on every call — a sheet of 10 vouchers draws 70 texts.
fn glyphs(face: &FontFace, text: &str) -> Vec<KrillaGlyph> {
    let Ok(parsed) = ttf_parser::Face::parse(&face.data, face.index) else {
        return vec![];
    };
    let em = f32::from(parsed.units_per_em());
    text.char_indices()
        .map(|(at, c)| {
            let id = parsed.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
            let advance = parsed.glyph_hor_advance(id).map_or(em / 2.0, f32::from);
            KrillaGlyph::new(
                GlyphId::new(u32::from(id.0)),
                advance / em,
                0.0,
                0.0,
                0.0,
                at..at + c.len_utf8(),
                None,
            )
        })
        .collect()
}

/// The fonts a page is drawn with: krilla's handle and the face it was made from.
struct Faces<'a> {
    regular: (&'a Font, &'a FontFace),
    bold: (&'a Font, &'a FontFace),
}

fn draw(surface: &mut Surface<'_>, op: &Op, faces: &Faces<'_>) {
    match op {
        Op::Text {
            x,
            y,
            size,
            bold: is_bold,
            color,
            text,
        } => {
            surface.set_fill(Some(fill(*color)));
            surface.set_stroke(None);
            let (font, face) = if *is_bold { faces.bold } else { faces.regular };
            surface.draw_glyphs(
                Point::from_xy(*x, *y),
                &glyphs(face, text),
                font.clone(),
                text,
                *size,
                false,
            );
        }
        Op::Rect { x, y, w, h, color } => {
            if let Some(rect) = Rect::from_xywh(*x, *y, w.max(0.01), h.max(0.01)) {
                let mut pb = PathBuilder::new();
                pb.push_rect(rect);
                if let Some(path) = pb.finish() {
                    surface.set_fill(Some(fill(*color)));
                    surface.set_stroke(None);
                    surface.draw_path(&path);
                }
            }
        }
        Op::Line {
            from,
            to,
            width,
            color,
            dashed,
        } => {
            let mut pb = PathBuilder::new();
            pb.move_to(from.0, from.1);
            pb.line_to(to.0, to.1);
            if let Some(path) = pb.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: rgb::Color::new(color.0, color.1, color.2).into(),
                    width: *width,
                    dash: dashed.then(|| StrokeDash {
                        array: vec![4.0, 3.0],
                        offset: 0.0,
                    }),
                    ..Default::default()
                }));
                surface.draw_path(&path);
            }
        }
        Op::Image { x, y, w, h, png } => {
            let (Some(size), Ok(image)) = (
                Size::from_wh(*w, *h),
                krilla::image::Image::from_png(png.as_ref().clone().into(), false),
            ) else {
                return;
            };
            surface.push_transform(&Transform::from_translate(*x, *y));
            surface.draw_image(image, size);
            surface.pop();
        }
        Op::Bars {
            x,
            y,
            module,
            h,
            bars,
        } => {
            let mut pb = PathBuilder::new();
            for (i, bar) in bars.iter().enumerate() {
                if *bar == 1 {
                    if let Some(r) = Rect::from_xywh(x + i as f32 * module, *y, *module, *h) {
                        pb.push_rect(r);
                    }
                }
            }
            if let Some(path) = pb.finish() {
                surface.set_fill(Some(fill((0, 0, 0))));
                surface.set_stroke(None);
                surface.draw_path(&path);
            }
        }
        Op::TurnedStart { w, h } => {
            surface.push_transform(&Transform::from_row(-1.0, 0.0, 0.0, -1.0, *w, *h));
        }
        Op::TurnedEnd => surface.pop(),
    }
}

/// The PDF of `pages`.
pub fn render(pages: &[Page], regular: &FontFace, bold: &FontFace) -> Result<Vec<u8>, PrintError> {
    let regular_font =
        Font::new(regular.data.clone().into(), regular.index).ok_or(PrintError::NoCjkFont)?;
    let bold_font = Font::new(bold.data.clone().into(), bold.index).ok_or(PrintError::NoCjkFont)?;
    let faces = Faces {
        regular: (&regular_font, regular),
        bold: (&bold_font, bold),
    };
    let mut document = Document::new();
    for page_layout in pages {
        let settings = PageSettings::from_wh(page_layout.w, page_layout.h)
            .ok_or_else(|| PrintError::Write("page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for op in &page_layout.ops {
            draw(&mut surface, op, &faces);
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| PrintError::Write(format!("{e:?}")))
}
