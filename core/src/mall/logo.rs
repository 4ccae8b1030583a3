//! The mall's logo on its reports: a PNG, JPEG or SVG chosen in Settings, kept in the database.
//!
//! A logo is checked when it is chosen (it must decode, and stay small enough to travel inside
//! every report), so an export never fails on it later. SVG stays vector in the PDF; Excel takes
//! only raster images, so it gets the SVG rendered to a PNG by resvg.

use std::path::Path;

use crate::sql::{params, OptionalExtension};
use base64::Engine;
use serde::Serialize;
use ts_rs::TS;

use super::MallError;
use crate::db::Db;
use crate::problem::Problem;

/// Largest logo accepted: it is embedded in every report.
pub const MAX_LOGO_BYTES: usize = 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoKind {
    Png,
    Jpeg,
    Svg,
}

impl LogoKind {
    fn key(self) -> &'static str {
        match self {
            LogoKind::Png => "png",
            LogoKind::Jpeg => "jpeg",
            LogoKind::Svg => "svg",
        }
    }

    fn from_key(key: &str) -> Option<LogoKind> {
        [LogoKind::Png, LogoKind::Jpeg, LogoKind::Svg]
            .into_iter()
            .find(|k| k.key() == key)
    }

    fn media_type(self) -> &'static str {
        match self {
            LogoKind::Png => "image/png",
            LogoKind::Jpeg => "image/jpeg",
            LogoKind::Svg => "image/svg+xml",
        }
    }

    /// The kind the bytes are, whatever the file is called.
    fn sniff(bytes: &[u8]) -> Option<LogoKind> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Some(LogoKind::Png);
        }
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            return Some(LogoKind::Jpeg);
        }
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_lowercase();
        head.contains("<svg").then_some(LogoKind::Svg)
    }
}

/// A logo as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub file_name: String,
    pub kind: LogoKind,
    pub bytes: Vec<u8>,
}

/// The logo for the Settings screen: its file name and the image as a `data:` URL to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LogoInfo {
    pub file_name: String,
    pub data_url: String,
}

fn problem(rule: &str, en: String, zh: String) -> MallError {
    MallError::Invalid(vec![Problem::new("logo", rule, en, zh)])
}

impl Logo {
    /// Reads and checks the image at `path`.
    pub fn read(path: &Path) -> Result<Logo, MallError> {
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(path).map_err(|e| {
            let (en, zh) = crate::text::io_reason(&e);
            problem(
                "mall.logo_unreadable",
                format!("cannot read the logo {file_name}: {en}"),
                format!("无法读取标志图片 {file_name}：{zh}"),
            )
        })?;
        Logo::from_bytes(file_name, bytes)
    }

    /// Checks `bytes` as a logo called `file_name`.
    pub fn from_bytes(file_name: String, bytes: Vec<u8>) -> Result<Logo, MallError> {
        if bytes.len() > MAX_LOGO_BYTES {
            return Err(problem(
                "mall.logo_too_big",
                format!(
                    "the logo {file_name} is {} KB; choose an image of at most 1,024 KB (export a smaller PNG or an SVG)",
                    bytes.len().div_ceil(1024)
                ),
                format!(
                    "标志图片 {file_name} 有 {} KB；请选择不超过 1024 KB 的图片（可导出较小的 PNG 或 SVG）",
                    bytes.len().div_ceil(1024)
                ),
            ));
        }
        let not_an_image = || {
            problem(
                "mall.logo_not_image",
                format!("{file_name} is not a PNG, JPEG or SVG image PromoDesk can draw; choose the logo as PNG, JPEG or SVG"),
                format!("{file_name} 不是可用的 PNG、JPEG 或 SVG 图片；请选择 PNG、JPEG 或 SVG 格式的标志"),
            )
        };
        let kind = LogoKind::sniff(&bytes).ok_or_else(not_an_image)?;
        let logo = Logo {
            file_name: file_name.clone(),
            kind,
            bytes,
        };
        logo.size().ok_or_else(not_an_image)?;
        Ok(logo)
    }

    /// Width and height in the image's own units (pixels, or SVG user units); `None` when the
    /// image does not decode.
    pub fn size(&self) -> Option<(f32, f32)> {
        let (w, h) = match self.kind {
            LogoKind::Png => {
                let (w, h) = krilla::image::Image::from_png(self.bytes.clone().into(), true)
                    .ok()?
                    .size();
                (w as f32, h as f32)
            }
            LogoKind::Jpeg => {
                let (w, h) = krilla::image::Image::from_jpeg(self.bytes.clone().into(), true)
                    .ok()?
                    .size();
                (w as f32, h as f32)
            }
            LogoKind::Svg => {
                let size = self.svg()?.size();
                (size.width(), size.height())
            }
        };
        (w > 0.0 && h > 0.0).then_some((w, h))
    }

    /// The SVG's tree, for drawing it. Text in the SVG is drawn with the system's fonts
    /// (loaded once per process, and only when an SVG logo is drawn).
    pub fn svg(&self) -> Option<resvg::usvg::Tree> {
        static FONTS: std::sync::OnceLock<std::sync::Arc<resvg::usvg::fontdb::Database>> =
            std::sync::OnceLock::new();
        if self.kind != LogoKind::Svg {
            return None;
        }
        let fonts = FONTS.get_or_init(|| {
            let mut db = resvg::usvg::fontdb::Database::new();
            db.load_system_fonts();
            // fontdb maps the generic families to Windows' fonts; name ones Linux has.
            for family in ["Noto Sans CJK SC", "DejaVu Sans"] {
                if db
                    .faces()
                    .any(|f| f.families.iter().any(|(n, _)| n == family))
                {
                    db.set_sans_serif_family(family);
                    break;
                }
            }
            std::sync::Arc::new(db)
        });
        let options = resvg::usvg::Options {
            fontdb: fonts.clone(),
            ..Default::default()
        };
        resvg::usvg::Tree::from_data(&self.bytes, &options).ok()
    }

    /// The logo as PNG or JPEG bytes, for writers that take only raster images (Excel). An SVG
    /// is rendered 160 pixels high.
    pub fn raster(&self) -> Result<Vec<u8>, String> {
        let Some(tree) = self.svg() else {
            return Ok(self.bytes.clone());
        };
        let size = tree.size();
        let scale = 160.0 / size.height();
        let (w, h) = (
            (size.width() * scale).ceil() as u32,
            (size.height() * scale).ceil() as u32,
        );
        let mut pixmap = resvg::tiny_skia::Pixmap::new(w.max(1), h.max(1))
            .ok_or_else(|| "the logo is too large to draw".to_string())?;
        resvg::render(
            &tree,
            resvg::tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        pixmap.encode_png().map_err(|e| e.to_string())
    }

    fn info(&self) -> LogoInfo {
        LogoInfo {
            file_name: self.file_name.clone(),
            data_url: format!(
                "data:{};base64,{}",
                self.kind.media_type(),
                base64::engine::general_purpose::STANDARD.encode(&self.bytes)
            ),
        }
    }
}

/// The mall's logo, if one was chosen.
pub fn logo(db: &Db) -> Result<Option<Logo>, MallError> {
    let row: Option<(String, String, Vec<u8>)> = db
        .conn()
        .query_row("SELECT file_name, kind, bytes FROM mall_logo", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    Ok(row.and_then(|(file_name, kind, bytes)| {
        Some(Logo {
            file_name,
            kind: LogoKind::from_key(&kind)?,
            bytes,
        })
    }))
}

/// The logo as Settings shows it.
pub fn logo_info(db: &Db) -> Result<Option<LogoInfo>, MallError> {
    Ok(logo(db)?.map(|l| l.info()))
}

/// Keeps `logo` as the mall's logo, replacing any other.
pub fn set_logo(db: &mut Db, logo: &Logo) -> Result<LogoInfo, MallError> {
    db.write(|tx| {
        // Replaced rather than upserted: the team database keys the logo by plaza (one per
        // plaza), which the embedded one has no column for; the current plaza's is the only
        // one either store lets this transaction see.
        tx.execute("DELETE FROM mall_logo", [])?;
        tx.execute(
            "INSERT INTO mall_logo (id, file_name, kind, bytes) VALUES (1, ?1, ?2, ?3)",
            params![logo.file_name, logo.kind.key(), logo.bytes],
        )?;
        Ok::<_, MallError>(())
    })?;
    Ok(logo.info())
}

/// Removes the logo; reports print the mall's name alone.
pub fn clear_logo(db: &mut Db) -> Result<(), MallError> {
    db.write(|tx| {
        tx.execute("DELETE FROM mall_logo", [])?;
        Ok::<_, MallError>(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &[u8] = br##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#c2185b"/></svg>"##;

    #[test]
    fn an_svg_logo_is_kept_and_rendered_for_excel() {
        let mut db = Db::open_in_memory().unwrap();
        assert!(logo(&db).unwrap().is_none());
        let chosen = Logo::from_bytes("logo.svg".into(), SVG.to_vec()).unwrap();
        assert_eq!(chosen.size(), Some((120.0, 40.0)));
        let info = set_logo(&mut db, &chosen).unwrap();
        assert!(info.data_url.starts_with("data:image/svg+xml;base64,"));
        let kept = logo(&db).unwrap().unwrap();
        assert_eq!(kept, chosen);
        let png = kept.raster().unwrap();
        let back = Logo::from_bytes("r.png".into(), png).unwrap();
        assert_eq!(back.kind, LogoKind::Png);
        assert_eq!(back.size(), Some((480.0, 160.0)));
        clear_logo(&mut db).unwrap();
        assert!(logo(&db).unwrap().is_none());
    }

    #[test]
    fn a_file_that_is_not_an_image_is_refused_by_name() {
        let err = Logo::from_bytes("notes.png".into(), b"hello".to_vec()).unwrap_err();
        assert_eq!(err.problems()[0].rule, "mall.logo_not_image");
        assert!(err.localized().zh.contains("notes.png"), "{err}");
        let broken = Logo::from_bytes("x.png".into(), b"\x89PNG\r\n\x1a\nbroken".to_vec());
        assert!(broken.is_err());
        let big = Logo::from_bytes("big.svg".into(), vec![b' '; MAX_LOGO_BYTES + 1]).unwrap_err();
        assert_eq!(big.problems()[0].rule, "mall.logo_too_big");
    }
}
