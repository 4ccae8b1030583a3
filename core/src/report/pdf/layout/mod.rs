//! Lays the report out on A4 pages as simple drawing operations. Rendering is separate, so the
//! page count is known for the footer, and tests can measure every operation against the page.
//!
//! - Page 1 answers the question (title, facts, headline figures, sentences, the wallets); the
//!   details start on a new page.
//! - A table is drawn on a portrait page when it fits there, else on a landscape page; text cells
//!   and headers wrap onto more lines instead of being cut, numbers never wrap and line up on
//!   their decimal point ([`table`]).
//! - Charts are vectors, each wallet in its colour, the baseline beside the campaign ([`chart`]).

use super::fonts::FontFace;

mod chart;
mod table;
#[cfg(test)]
pub(crate) mod tests;

pub const PORTRAIT: (f32, f32) = (595.28, 841.89);
pub const LANDSCAPE: (f32, f32) = (841.89, 595.28);
pub const MARGIN: f32 = 42.0;
/// Where content starts below the page header.
const TOP: f32 = 78.0;
/// How far above the page's bottom edge content ends (the footer sits below).
const BOTTOM_SPACE: f32 = 56.0;

pub type Rgb = (u8, u8, u8);

/// `#07c160` → (7, 193, 96).
pub fn hex_rgb(hex: &str) -> Option<Rgb> {
    let digits = hex.strip_prefix('#')?;
    let byte = |i: usize| u8::from_str_radix(digits.get(i..i + 2)?, 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}
pub const INK: Rgb = (33, 33, 33);
pub const MUTED: Rgb = (110, 110, 110);
pub const ACCENT: Rgb = (194, 24, 91);
pub const BASELINE: Rgb = (150, 150, 150);
const HEADER_BG: Rgb = (243, 229, 236);
const RULE: Rgb = (220, 220, 220);
const ANSWER_BG: Rgb = (250, 245, 248);

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
        points: Vec<(f32, f32)>,
        width: f32,
        color: Rgb,
        dashed: bool,
    },
}

/// Whether a line may break between `before` and `after`.
/// Never after ¥ or an opening bracket, never before closing punctuation; not at the `-` of a
/// date.
fn may_break(before: char, after: char) -> bool {
    let glued_after = "¥（(“";
    let glued_before = "，、。；：）)”%";
    if glued_after.contains(before) || glued_before.contains(after) {
        return false;
    }
    " _/·,;:，、；：".contains(before) || !before.is_ascii() || !after.is_ascii()
}

/// One page: its size and what is drawn on it.
#[derive(Debug, Clone)]
pub struct Page {
    pub w: f32,
    pub h: f32,
    pub ops: Vec<Op>,
}

pub struct Layout<'a> {
    regular: &'a FontFace,
    bold: &'a FontFace,
    pub pages: Vec<Page>,
    y: f32,
}

impl<'a> Layout<'a> {
    pub fn new(regular: &'a FontFace, bold: &'a FontFace) -> Layout<'a> {
        Layout {
            regular,
            bold,
            pages: vec![Page {
                w: PORTRAIT.0,
                h: PORTRAIT.1,
                ops: Vec::new(),
            }],
            y: TOP,
        }
    }

    fn page(&self) -> &Page {
        self.pages.last().expect("a page")
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        &mut self.pages.last_mut().expect("a page").ops
    }

    /// The width content may take on the current page.
    fn avail(&self) -> f32 {
        self.page().w - 2.0 * MARGIN
    }

    fn bottom(&self) -> f32 {
        self.page().h - BOTTOM_SPACE
    }

    fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, color: Rgb, text: String) {
        self.ops().push(Op::Text {
            x,
            y,
            size,
            bold,
            color,
            text,
        });
    }

    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        if bold { self.bold } else { self.regular }.width(text, size)
    }

    /// `text` cut with "…" to fit `max` points: only for chart labels, never for table cells.
    fn fit(&self, text: &str, size: f32, bold: bool, max: f32) -> String {
        if self.width(text, size, bold) <= max {
            return text.to_string();
        }
        let mut cut: String = text.to_string();
        while !cut.is_empty() && self.width(&format!("{cut}…"), size, bold) > max {
            cut.pop();
        }
        format!("{cut}…")
    }

    /// `text` broken into lines no wider than `max`, at the last place a line may break: after a
    /// space or `_ - / ·` and punctuation, or beside a Chinese character (Chinese breaks between
    /// characters); inside an English word or number only when nothing else fits. Spaces at a
    /// break are dropped.
    fn wrap(&self, text: &str, size: f32, bold: bool, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line: Vec<char> = Vec::new();
            for ch in paragraph.chars() {
                line.push(ch);
                if line.len() == 1 || self.width(&String::from_iter(&line), size, bold) <= max {
                    continue;
                }
                let cut = (1..line.len())
                    .rev()
                    .find(|&i| may_break(line[i - 1], line[i]))
                    .unwrap_or(line.len() - 1);
                let rest = line.split_off(cut);
                lines.push(String::from_iter(&line).trim_end().to_string());
                line = rest.into_iter().skip_while(|c| *c == ' ').collect();
            }
            lines.push(String::from_iter(&line));
        }
        lines
    }

    /// Starts a new page of the given orientation.
    fn new_page(&mut self, landscape: bool) {
        let (w, h) = if landscape { LANDSCAPE } else { PORTRAIT };
        self.pages.push(Page {
            w,
            h,
            ops: Vec::new(),
        });
        self.y = TOP;
    }

    /// Whether nothing has been drawn on the current page yet.
    fn page_is_empty(&self) -> bool {
        self.page().ops.is_empty()
    }

    /// Starts a new page, of the current orientation, when `height` does not fit below.
    fn ensure(&mut self, height: f32) -> bool {
        if self.y + height > self.bottom() {
            let landscape = self.page().w > self.page().h;
            self.new_page(landscape);
            return true;
        }
        false
    }

    /// The details start on a fresh portrait page after page 1's answer.
    pub fn details_start(&mut self) {
        if !self.page_is_empty() {
            self.new_page(false);
        }
    }

    pub fn title(&mut self, title: &str, facts: &[String]) {
        let avail = self.avail();
        for line in self.wrap(title, 20.0, true, avail) {
            self.text(MARGIN, self.y + 20.0, 20.0, true, INK, line);
            self.y += 26.0;
        }
        self.y += 4.0;
        for fact in facts {
            for line in self.wrap(fact, 9.5, false, avail) {
                self.text(MARGIN, self.y + 10.0, 9.5, false, MUTED, line);
                self.y += 14.0;
            }
        }
        self.y += 8.0;
    }

    /// The generated sentences, as a shaded block of numbered paragraphs.
    pub fn sentences(&mut self, sentences: &[String]) {
        let size = 10.5;
        let line_h = size * 1.55;
        let indent = 16.0;
        let max = self.avail() - indent - 12.0;
        let wrapped: Vec<Vec<String>> = sentences
            .iter()
            .filter(|s| !s.is_empty())
            .map(|s| self.wrap(s, size, false, max))
            .collect();
        let lines: usize = wrapped.iter().map(Vec::len).sum();
        let height = lines as f32 * line_h + wrapped.len() as f32 * 4.0 + 12.0;
        self.ensure(height);
        let top = self.y;
        let avail = self.avail();
        self.ops().push(Op::Rect {
            x: MARGIN,
            y: top,
            w: avail,
            h: height,
            color: ANSWER_BG,
        });
        self.ops().push(Op::Rect {
            x: MARGIN,
            y: top,
            w: 3.0,
            h: height,
            color: ACCENT,
        });
        self.y += 8.0;
        for (n, paragraph) in wrapped.into_iter().enumerate() {
            let number = format!("{}.", n + 1);
            self.text(MARGIN + 8.0, self.y + size, size, true, ACCENT, number);
            for line in paragraph {
                self.text(MARGIN + 8.0 + indent, self.y + size, size, false, INK, line);
                self.y += line_h;
            }
            self.y += 4.0;
        }
        self.y = top + height + 10.0;
    }

    pub fn heading(&mut self, text: &str) {
        // A heading never ends a page: it keeps a few table rows below it.
        self.ensure(100.0);
        self.y += 8.0;
        self.text(MARGIN, self.y + 12.0, 12.0, true, ACCENT, text.to_string());
        self.y += 20.0;
    }

    /// Moves to a landscape page for what needs the width, unless already on one.
    fn landscape(&mut self) {
        if self.page().w < self.page().h {
            self.new_page(true);
        }
    }
}
