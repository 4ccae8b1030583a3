//! The Chinese font of the PDF: the system's Noto Sans CJK SC (Debian/Ubuntu package
//! `fonts-noto-cjk`, which `make` installs and the .deb depends on; OFL-licensed). Only the
//! glyphs a report uses are embedded — krilla subsets the font — so PDFs stay small.
//! `PROMODESK_PDF_FONT` may name another TTF/OTF/TTC file.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::super::ReportError;

const REGULAR: &[&str] = &[
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
];
const BOLD: &[&str] = &[
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc",
];

/// A font file, the face chosen in it, and its metrics for measuring text.
#[derive(Clone)]
pub struct FontFace {
    pub data: Arc<Vec<u8>>,
    pub index: u32,
    units_per_em: f32,
    /// Each character's advance in font units, measured once: the layout measures the same few
    /// hundred characters tens of thousands of times while it fits tables and wraps text, and a
    /// lookup in a CJK font's tables is the costly part.
    advances: Arc<Mutex<HashMap<char, f32>>>,
}

impl FontFace {
    fn load(path: &PathBuf) -> Option<FontFace> {
        let data = std::fs::read(path).ok()?;
        let count = ttf_parser::fonts_in_collection(&data).unwrap_or(1);
        // In a CJK collection, the Simplified Chinese face draws 中文 the way readers here expect.
        let index = (0..count)
            .find(|&i| {
                ttf_parser::Face::parse(&data, i).is_ok_and(|face| {
                    face.names().into_iter().any(|n| {
                        n.to_string()
                            .is_some_and(|s| s.contains("CJK SC") || s.contains("Han Sans SC"))
                    })
                })
            })
            .unwrap_or(0);
        let face = ttf_parser::Face::parse(&data, index).ok()?;
        face.glyph_index('中')?;
        let units_per_em = f32::from(face.units_per_em());
        Some(FontFace {
            data: Arc::new(data),
            index,
            units_per_em,
            advances: Arc::default(),
        })
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let mut advances = self.advances.lock().unwrap_or_else(|e| e.into_inner());
        let mut face = None;
        let mut units = 0.0;
        for c in text.chars() {
            units += *advances.entry(c).or_insert_with(|| {
                let face = face
                    .get_or_insert_with(|| ttf_parser::Face::parse(&self.data, self.index).ok());
                face.as_ref()
                    .and_then(|f| f.glyph_index(c).and_then(|g| f.glyph_hor_advance(g)))
                    .map_or(self.units_per_em / 2.0, f32::from)
            });
        }
        units / self.units_per_em * size
    }
}

fn first(paths: &[&str]) -> Option<FontFace> {
    paths
        .iter()
        .map(PathBuf::from)
        .filter(|p| p.exists())
        .find_map(|p| FontFace::load(&p))
}

/// The regular and bold faces (bold falls back to regular).
pub fn find() -> Result<(FontFace, FontFace), ReportError> {
    let regular = match std::env::var_os("PROMODESK_PDF_FONT") {
        Some(path) => FontFace::load(&PathBuf::from(path)),
        None => first(REGULAR),
    }
    .ok_or(ReportError::NoCjkFont)?;
    let bold = if std::env::var_os("PROMODESK_PDF_FONT").is_some() {
        regular.clone()
    } else {
        first(BOLD).unwrap_or_else(|| regular.clone())
    };
    Ok((regular, bold))
}
