//! The report as an A4 PDF: page 1 answers the question (the campaign's facts, headline figures
//! against the baseline, three sentences, the wallets compared), then every section as a table
//! with its charts. Every page has a header (the mall's logo and name, the campaign) and a footer
//! (generated-at line, "page n of N"). Text is drawn with an embedded subset of a CJK font, so
//! Chinese renders anywhere and the text can be searched and copied.

use std::path::Path;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla::Document;

use super::model::Report;
use super::ReportError;
use crate::mall::{Logo, LogoKind};
use crate::text::Lang;

pub(crate) mod fonts;
mod layout;

pub(super) use layout::MARGIN;
use layout::{Layout, Op, Rgb, ACCENT, MUTED};

/// How tall the logo is drawn in each page's header, in points.
const LOGO_H: f32 = 18.0;

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
            dashed,
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
                    dash: dashed.then(|| StrokeDash {
                        array: vec![4.0, 3.0],
                        offset: 0.0,
                    }),
                    ..Default::default()
                }));
                surface.draw_path(&path);
            }
        }
    }
}

/// The logo decoded once for every page: a raster image (krilla writes it to the file once and
/// every page refers to it) or an SVG tree; with its size in points for a given height.
enum LogoArt {
    Raster(krilla::image::Image),
    Svg(Box<resvg::usvg::Tree>),
}

struct PageLogo {
    art: LogoArt,
    /// Width ÷ height.
    aspect: f32,
}

impl PageLogo {
    fn new(logo: &Logo) -> Option<PageLogo> {
        let (w, h) = logo.size()?;
        let art = match logo.kind {
            LogoKind::Svg => LogoArt::Svg(Box::new(logo.svg()?)),
            LogoKind::Png => LogoArt::Raster(
                krilla::image::Image::from_png(logo.bytes.clone().into(), true).ok()?,
            ),
            LogoKind::Jpeg => LogoArt::Raster(
                krilla::image::Image::from_jpeg(logo.bytes.clone().into(), true).ok()?,
            ),
        };
        Some(PageLogo { art, aspect: w / h })
    }

    /// Draws the logo `h` points high with its top-left corner at (`x`, `y`); returns its width.
    fn draw(&self, surface: &mut Surface<'_>, x: f32, y: f32, h: f32) -> f32 {
        let w = h * self.aspect;
        let Some(size) = Size::from_wh(w, h) else {
            return 0.0;
        };
        surface.push_transform(&Transform::from_translate(x, y));
        match &self.art {
            LogoArt::Svg(tree) => {
                use krilla_svg::{SurfaceExt, SvgSettings};
                surface.draw_svg(tree, size, SvgSettings::default());
            }
            LogoArt::Raster(image) => surface.draw_image(image.clone(), size),
        }
        surface.pop();
        w
    }
}

#[cfg(test)]
pub(super) use layout::tests::right_edges;

#[cfg(test)]
pub(super) fn fonts_for_tests() -> (fonts::FontFace, fonts::FontFace) {
    fonts::find().expect("a CJK font (fonts-noto-cjk, installed by scripts/setup.sh)")
}

/// Lays the report out: page 1's answer, then the details.
pub(super) fn lay_out<'a>(
    report: &Report,
    regular: &'a fonts::FontFace,
    bold: &'a fonts::FontFace,
) -> Layout<'a> {
    let mut layout = Layout::new(regular, bold);
    layout.title(&report.title, &report.answer.facts);
    let mut details = false;
    for section in &report.sections {
        if !section.id.on_first_page() && !details {
            layout.details_start();
            details = true;
        }
        layout.section(section);
        if section.id == super::model::SectionId::Headlines {
            layout.sentences(&report.answer.sentences);
        }
        for chart in report.charts.iter().filter(|c| c.section == section.id) {
            layout.chart(chart, section);
        }
    }
    layout
}

/// The PDF's bytes.
pub fn render(report: &Report, lang: Lang, logo: Option<&Logo>) -> Result<Vec<u8>, ReportError> {
    let (regular_face, bold_face) = fonts::find()?;
    let layout = lay_out(report, &regular_face, &bold_face);
    let regular = Font::new(regular_face.data.clone().into(), regular_face.index)
        .ok_or(ReportError::NoCjkFont)?;
    let bold =
        Font::new(bold_face.data.clone().into(), bold_face.index).ok_or(ReportError::NoCjkFont)?;
    let total = layout.pages.len();
    let logo = logo.and_then(PageLogo::new);
    let mut document = Document::new();
    for (n, page_layout) in layout.pages.iter().enumerate() {
        let (page_w, page_h) = (page_layout.w, page_layout.h);
        let settings = PageSettings::from_wh(page_w, page_h)
            .ok_or_else(|| ReportError::Write("page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let page_label = if lang == Lang::ZhCn {
            format!("第 {} / {} 页", n + 1, total)
        } else {
            format!("Page {} of {}", n + 1, total)
        };
        let logo_w = logo.as_ref().map_or(0.0, |l| {
            l.draw(&mut surface, MARGIN, 38.0 - LOGO_H, LOGO_H) + 6.0
        });
        let right = |text: &str, size: f32, face: &fonts::FontFace| {
            page_w - MARGIN - face.width(text, size)
        };
        let chrome = [
            Op::Text {
                x: MARGIN + logo_w,
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
                points: vec![(MARGIN, 42.0), (page_w - MARGIN, 42.0)],
                width: 0.6,
                color: ACCENT,
                dashed: false,
            },
            Op::Line {
                points: vec![(MARGIN, page_h - 40.0), (page_w - MARGIN, page_h - 40.0)],
                width: 0.4,
                color: MUTED,
                dashed: false,
            },
            Op::Text {
                x: MARGIN,
                y: page_h - 26.0,
                size: 8.0,
                bold: false,
                color: MUTED,
                text: report.generated.clone(),
            },
            Op::Text {
                x: right(&page_label, 8.0, &regular_face),
                y: page_h - 26.0,
                size: 8.0,
                bold: false,
                color: MUTED,
                text: page_label.clone(),
            },
        ];
        for op in chrome.iter().chain(&page_layout.ops) {
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
pub fn write(
    report: &Report,
    lang: Lang,
    logo: Option<&Logo>,
    path: &Path,
) -> Result<(), ReportError> {
    let bytes = render(report, lang, logo)?;
    std::fs::write(path, bytes).map_err(ReportError::Io)
}
