//! Lays the report out on A4 pages as simple drawing operations: tables that fit the page width
//! (the font shrinks, then long text is cut with "…"), repeated table headers after a page
//! break, and vector charts. Rendering is separate, so the page count is known for the footer.

use super::super::model::{Cell, Chart, ChartKind, Section};
use super::fonts::FontFace;

pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const MARGIN: f32 = 42.0;
const TOP: f32 = 78.0;
const BOTTOM: f32 = PAGE_H - 56.0;

pub type Rgb = (u8, u8, u8);

/// `#07c160` → (7, 193, 96).
fn hex_rgb(hex: &str) -> Option<Rgb> {
    let digits = hex.strip_prefix('#')?;
    let byte = |i: usize| u8::from_str_radix(digits.get(i..i + 2)?, 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}
pub const INK: Rgb = (33, 33, 33);
pub const MUTED: Rgb = (110, 110, 110);
pub const ACCENT: Rgb = (194, 24, 91);
const HEADER_BG: Rgb = (243, 229, 236);
const RULE: Rgb = (220, 220, 220);

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
    },
}

/// How a cell reads on paper.
pub fn display(cell: &Cell) -> String {
    fn group(int: &str) -> String {
        let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
        let mut out = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        format!("{sign}{out}")
    }
    match cell {
        Cell::Text(t) => t.clone(),
        Cell::Money(m) => {
            let (int, frac) = m.split_once('.').unwrap_or((m, "00"));
            let grouped = group(int);
            match grouped.strip_prefix('-') {
                Some(rest) => format!("-¥{rest}.{frac}"),
                None => format!("¥{grouped}.{frac}"),
            }
        }
        Cell::Int(i) => group(&i.to_string()),
        Cell::Ratio(r) => r
            .parse::<rust_decimal::Decimal>()
            .map(|d| format!("{:.2}%", d * rust_decimal::Decimal::ONE_HUNDRED))
            .unwrap_or_default(),
        Cell::Empty => "—".into(),
    }
}

fn value(cell: &Cell) -> f64 {
    match cell {
        Cell::Money(m) | Cell::Ratio(m) => m.parse().unwrap_or(0.0),
        Cell::Int(i) => *i as f64,
        _ => 0.0,
    }
}

pub struct Layout<'a> {
    regular: &'a FontFace,
    bold: &'a FontFace,
    pub pages: Vec<Vec<Op>>,
    y: f32,
}

impl<'a> Layout<'a> {
    pub fn new(regular: &'a FontFace, bold: &'a FontFace) -> Layout<'a> {
        Layout {
            regular,
            bold,
            pages: vec![Vec::new()],
            y: TOP,
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a page")
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

    /// `text` cut with "…" to fit `max` points.
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

    /// Starts a new page when `height` does not fit below the current position.
    fn ensure(&mut self, height: f32) -> bool {
        if self.y + height > BOTTOM {
            self.pages.push(Vec::new());
            self.y = TOP;
            return true;
        }
        false
    }

    pub fn title(&mut self, title: &str, subtitle: &str) {
        let text = self.fit(title, 20.0, true, PAGE_W - 2.0 * MARGIN);
        self.text(MARGIN, self.y + 20.0, 20.0, true, INK, text);
        self.text(
            MARGIN,
            self.y + 38.0,
            9.0,
            false,
            MUTED,
            subtitle.to_string(),
        );
        self.y += 56.0;
    }

    pub fn heading(&mut self, text: &str) {
        // A heading never ends a page: it keeps a few table rows below it.
        self.ensure(100.0);
        self.y += 8.0;
        self.text(MARGIN, self.y + 12.0, 12.0, true, ACCENT, text.to_string());
        self.y += 20.0;
    }

    pub fn table(&mut self, section: &Section) {
        let avail = PAGE_W - 2.0 * MARGIN;
        let texts: Vec<Vec<String>> = section
            .rows
            .iter()
            .map(|r| r.iter().map(display).collect())
            .collect();
        let pad = 8.0;
        let natural = |size: f32| -> Vec<f32> {
            (0..section.columns.len())
                .map(|c| {
                    let header = self.width(&section.columns[c], size, true);
                    texts
                        .iter()
                        .filter_map(|r| r.get(c))
                        .map(|t| self.width(t, size, false))
                        .fold(header, f32::max)
                        + pad
                })
                .collect()
        };
        let mut size = if section.columns.len() > 8 { 7.5 } else { 9.0 };
        let mut widths = natural(size);
        // Layout arithmetic in points; figures are already text here (see `display`).
        let table_width: f32 = widths.iter().sum();
        if table_width > avail {
            size = (size * avail / table_width).max(6.0);
            widths = natural(size);
        }
        let table_width: f32 = widths.iter().sum();
        if table_width > avail {
            // Still too wide: text columns give up room, numbers never do.
            let is_text: Vec<bool> = (0..widths.len())
                .map(|c| {
                    section
                        .rows
                        .iter()
                        .all(|r| matches!(r.get(c), Some(Cell::Text(_)) | None))
                })
                .collect();
            let number_columns_width: f32 = widths
                .iter()
                .zip(&is_text)
                .filter(|(_, t)| !**t)
                .map(|(w, _)| w)
                .sum();
            let text_columns_width: f32 = table_width - number_columns_width;
            let room = (avail - number_columns_width).max(40.0);
            for (w, t) in widths.iter_mut().zip(&is_text) {
                if *t {
                    *w *= room / text_columns_width.max(1.0);
                }
            }
        } else if widths.len() == 2 {
            // Key/value tables read better across the page.
            widths[0] = widths[0].max(avail * 0.5);
            widths[1] = avail - widths[0];
        } else {
            // Every table spans the text width, so the page reads as one column.
            let grow = avail / table_width;
            widths.iter_mut().for_each(|w| *w *= grow);
        }
        let row_h = size * 1.9;
        let header = |layout: &mut Layout<'_>| {
            let y = layout.y;
            layout.ops().push(Op::Rect {
                x: MARGIN,
                y,
                w: widths.iter().sum(),
                h: row_h,
                color: HEADER_BG,
            });
            let mut x = MARGIN;
            for (c, title) in section.columns.iter().enumerate() {
                let t = layout.fit(title, size, true, widths[c] - pad);
                // Headers of number columns sit over their right-aligned numbers.
                let numeric = section
                    .rows
                    .first()
                    .is_some_and(|r| !matches!(r.get(c), Some(Cell::Text(_)) | None));
                let tx = if numeric && widths.len() > 2 {
                    x + widths[c] - pad / 2.0 - layout.width(&t, size, true)
                } else {
                    x + pad / 2.0
                };
                layout.text(tx, y + row_h * 0.68, size, true, INK, t);
                x += widths[c];
            }
            layout.y += row_h;
        };
        self.ensure(row_h * 3.0);
        header(self);
        for (r, row) in section.rows.iter().enumerate() {
            if self.ensure(row_h) {
                header(self);
            }
            let y = self.y;
            let mut x = MARGIN;
            for (c, cell) in row.iter().enumerate() {
                let t = self.fit(&texts[r][c], size, false, widths[c] - pad);
                let tx = if matches!(cell, Cell::Text(_)) {
                    x + pad / 2.0
                } else {
                    x + widths[c] - pad / 2.0 - self.width(&t, size, false)
                };
                self.text(tx, y + row_h * 0.68, size, false, INK, t);
                x += widths[c];
            }
            self.ops().push(Op::Line {
                points: vec![
                    (MARGIN, y + row_h),
                    (MARGIN + widths.iter().sum::<f32>(), y + row_h),
                ],
                width: 0.4,
                color: RULE,
            });
            self.y += row_h;
        }
        if section.rows.is_empty() {
            self.text(MARGIN + 4.0, self.y + 12.0, 9.0, false, MUTED, "—".into());
            self.y += 18.0;
        }
        self.y += 6.0;
    }

    pub fn chart(&mut self, chart: &Chart, section: &Section) {
        let mut points: Vec<(String, f64)> = section
            .rows
            .iter()
            .filter_map(|r| {
                Some((
                    display(r.get(chart.category_column)?),
                    value(r.get(chart.value_column)?),
                ))
            })
            .collect();
        if points.is_empty() {
            return;
        }
        if chart.kind == ChartKind::Bar {
            points.sort_by(|a, b| b.1.total_cmp(&a.1));
            points.truncate(15);
        }
        let height = match chart.kind {
            ChartKind::Bar => points.len() as f32 * 16.0 + 40.0,
            _ => 190.0,
        };
        self.ensure(height + 30.0);
        self.text(MARGIN, self.y + 12.0, 10.0, true, INK, chart.title.clone());
        self.y += 22.0;
        let max = points.iter().map(|p| p.1).fold(0.0, f64::max).max(1e-9);
        let (step, top) = nice_scale(max);
        let (x0, y0) = (MARGIN + 60.0, self.y);
        let (w, h) = (PAGE_W - 2.0 * MARGIN - 70.0, height - 40.0);
        let n = points.len() as f32;
        match chart.kind {
            ChartKind::Bar => {
                for (i, (label, v)) in points.iter().enumerate() {
                    let y = y0 + i as f32 * 16.0;
                    let t = self.fit(label, 7.5, false, 56.0);
                    let tw = self.width(&t, 7.5, false);
                    self.text(x0 - 4.0 - tw, y + 10.0, 7.5, false, INK, t);
                    let bw = (*v / top) as f32 * w;
                    self.ops().push(Op::Rect {
                        x: x0,
                        y: y + 2.0,
                        w: bw.max(0.5),
                        h: 11.0,
                        color: ACCENT,
                    });
                    let shown = display(&Cell::Money(format!("{v:.2}")));
                    self.text(x0 + bw + 4.0, y + 10.0, 7.0, false, MUTED, shown);
                }
            }
            ChartKind::Column | ChartKind::Line => {
                let ticks = (top / step).round() as usize;
                for k in 0..=ticks {
                    let v = step * k as f64;
                    let y = y0 + h - (v / top) as f32 * h;
                    self.ops().push(Op::Line {
                        points: vec![(x0, y), (x0 + w, y)],
                        width: 0.4,
                        color: RULE,
                    });
                    let label = display(&Cell::Money(format!("{v:.2}")));
                    let label = if step >= 1.0 {
                        label.trim_end_matches(".00").to_string()
                    } else {
                        label
                    };
                    let lw = self.width(&label, 7.0, false);
                    self.text(x0 - 4.0 - lw, y + 2.5, 7.0, false, MUTED, label);
                }
                let slot = w / n;
                let every = ((n / 12.0).ceil() as usize).max(1);
                let mut line = Vec::new();
                for (i, (label, v)) in points.iter().enumerate() {
                    let cx = x0 + slot * (i as f32 + 0.5);
                    let vy = y0 + h - (*v / top) as f32 * h;
                    if chart.kind == ChartKind::Column {
                        let bw = (slot * 0.6).min(40.0);
                        self.ops().push(Op::Rect {
                            x: cx - bw / 2.0,
                            y: vy,
                            w: bw,
                            h: y0 + h - vy,
                            color: chart
                                .colors
                                .get(i)
                                .and_then(|c| hex_rgb(c))
                                .unwrap_or(ACCENT),
                        });
                    } else {
                        line.push((cx, vy));
                    }
                    if i % every == 0 {
                        let t = self.fit(label, 7.0, false, slot * every as f32 - 2.0);
                        let tw = self.width(&t, 7.0, false);
                        self.text(cx - tw / 2.0, y0 + h + 11.0, 7.0, false, MUTED, t);
                    }
                }
                if line.len() == 1 {
                    let (x, y) = line[0];
                    self.ops().push(Op::Rect {
                        x: x - 2.0,
                        y: y - 2.0,
                        w: 4.0,
                        h: 4.0,
                        color: ACCENT,
                    });
                } else if !line.is_empty() {
                    self.ops().push(Op::Line {
                        points: line,
                        width: 1.6,
                        color: ACCENT,
                    });
                }
            }
        }
        self.y += height;
    }
}

/// A round step and top for an axis up to `max`.
fn nice_scale(max: f64) -> (f64, f64) {
    let raw = max / 4.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    (step, (max / step).ceil().max(1.0) * step)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_counts_read_with_thousands_separators() {
        assert_eq!(display(&Cell::Money("1234567.50".into())), "¥1,234,567.50");
        assert_eq!(display(&Cell::Money("-5.00".into())), "-¥5.00");
        assert_eq!(display(&Cell::Int(12345)), "12,345");
        assert_eq!(display(&Cell::Ratio("0.1234".into())), "12.34%");
        assert_eq!(display(&Cell::Empty), "—");
    }

    #[test]
    fn axes_use_round_steps() {
        assert_eq!(nice_scale(95.0), (25.0, 100.0));
        assert_eq!(nice_scale(1234.0), (500.0, 1500.0));
    }
}
