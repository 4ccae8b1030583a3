//! The report as an A4 PDF: title, every section as a table, the charts after their sections,
//! a header (mall and campaign) and a footer (generated-at line, "page n of N") on every page.
//! Text is drawn with an embedded subset of a CJK font, so Chinese renders anywhere and the
//! text can be searched and copied.

use std::path::Path;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;

use super::model::Report;
use super::ReportError;
use crate::text::Lang;

mod fonts;
mod layout;

use layout::{Layout, Op, Rgb, ACCENT, MARGIN, MUTED, PAGE_H, PAGE_W};

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn draw(surface: &mut Surface<'_>, op: &Op, regular: &Font, bold: &Font) {
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
            let font = if *is_bold { bold } else { regular };
            surface.draw_text(
                Point::from_xy(*x, *y),
                font.clone(),
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
        Op::Rect { x, y, w, h, color } => {
            let Some(rect) = Rect::from_xywh(*x, *y, w.max(0.01), h.max(0.01)) else {
                return;
            };
            let mut pb = PathBuilder::new();
            pb.push_rect(rect);
            if let Some(path) = pb.finish() {
                surface.set_fill(Some(fill(*color)));
                surface.set_stroke(None);
                surface.draw_path(&path);
            }
        }
        Op::Line {
            points,
            width,
            color,
        } => {
            let mut pb = PathBuilder::new();
            for (i, (x, y)) in points.iter().enumerate() {
                if i == 0 {
                    pb.move_to(*x, *y);
                } else {
                    pb.line_to(*x, *y);
                }
            }
            if let Some(path) = pb.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: rgb::Color::new(color.0, color.1, color.2).into(),
                    width: *width,
                    ..Default::default()
                }));
                surface.draw_path(&path);
            }
        }
    }
}

/// The PDF's bytes.
pub fn render(report: &Report, lang: Lang) -> Result<Vec<u8>, ReportError> {
    let (regular_face, bold_face) = fonts::find()?;
    let mut layout = Layout::new(&regular_face, &bold_face);
    layout.title(
        &report.title,
        &format!("{} · {}", report.mall, report.generated),
    );
    for section in &report.sections {
        layout.heading(&section.title);
        layout.table(section);
        for chart in report.charts.iter().filter(|c| c.section == section.id) {
            layout.chart(chart, section);
        }
    }
    let regular = Font::new(regular_face.data.clone().into(), regular_face.index)
        .ok_or(ReportError::NoCjkFont)?;
    let bold =
        Font::new(bold_face.data.clone().into(), bold_face.index).ok_or(ReportError::NoCjkFont)?;
    let total = layout.pages.len();
    let mut document = Document::new();
    for (n, ops) in layout.pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
            .ok_or_else(|| ReportError::Write("page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let page_label = if lang == Lang::ZhCn {
            format!("第 {} / {} 页", n + 1, total)
        } else {
            format!("Page {} of {}", n + 1, total)
        };
        let right = |text: &str, size: f32, face: &fonts::FontFace| {
            PAGE_W - MARGIN - face.width(text, size)
        };
        let chrome = [
            Op::Text {
                x: MARGIN,
                y: 34.0,
                size: 8.5,
                bold: true,
                color: ACCENT,
                text: report.mall.clone(),
            },
            Op::Text {
                x: right(&report.title, 8.5, &regular_face),
                y: 34.0,
                size: 8.5,
                bold: false,
                color: MUTED,
                text: report.title.clone(),
            },
            Op::Line {
                points: vec![(MARGIN, 42.0), (PAGE_W - MARGIN, 42.0)],
                width: 0.6,
                color: ACCENT,
            },
            Op::Line {
                points: vec![(MARGIN, PAGE_H - 40.0), (PAGE_W - MARGIN, PAGE_H - 40.0)],
                width: 0.4,
                color: MUTED,
            },
            Op::Text {
                x: MARGIN,
                y: PAGE_H - 26.0,
                size: 8.0,
                bold: false,
                color: MUTED,
                text: report.generated.clone(),
            },
            Op::Text {
                x: right(&page_label, 8.0, &regular_face),
                y: PAGE_H - 26.0,
                size: 8.0,
                bold: false,
                color: MUTED,
                text: page_label.clone(),
            },
        ];
        for op in chrome.iter().chain(ops) {
            draw(&mut surface, op, &regular, &bold);
        }
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| ReportError::Write(format!("{e:?}")))
}

/// Writes the PDF to `path`.
pub fn write(report: &Report, lang: Lang, path: &Path) -> Result<(), ReportError> {
    let bytes = render(report, lang)?;
    std::fs::write(path, bytes).map_err(ReportError::Io)
}
