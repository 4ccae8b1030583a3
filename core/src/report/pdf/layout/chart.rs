//! Vector charts: per day as a line (the baseline dashed grey beside it), wallets as columns in
//! their own colours, stores as bars. Axes are in ¥. Positions are plotting arithmetic in points;
//! the values come from the report's exact decimals and are only drawn here.

use super::{hex_rgb, Layout, Op, ACCENT, BASELINE, INK, MARGIN, MUTED, RULE};
use crate::report::model::{Cell, Chart, ChartKind, Section};

fn value(cell: &Cell) -> f64 {
    match cell {
        Cell::Money(m) | Cell::Ratio(m) | Cell::Change(m) => m.parse().unwrap_or(0.0),
        Cell::Int(i) => *i as f64,
        _ => 0.0,
    }
}

/// An axis label in whole yuan when the step allows: `¥1,500`.
fn axis_label(v: f64, step: f64) -> String {
    let label = Cell::Money(format!("{v:.2}")).display();
    if step >= 1.0 {
        label.trim_end_matches(".00").to_string()
    } else {
        label
    }
}

/// A round step and top for an axis up to `max`.
pub(super) fn nice_scale(max: f64) -> (f64, f64) {
    let raw = max / 4.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    (step, (max / step).ceil().max(1.0) * step)
}

struct Point {
    label: String,
    value: f64,
    baseline: Option<f64>,
}

impl Layout<'_> {
    pub fn chart(&mut self, chart: &Chart, section: &Section) {
        let mut points: Vec<Point> = section
            .rows
            .iter()
            .filter_map(|r| {
                Some(Point {
                    label: r.get(chart.category_column)?.display(),
                    value: value(r.get(chart.value_column)?),
                    baseline: chart
                        .baseline_column
                        .and_then(|c| r.get(c))
                        .filter(|c| !matches!(c, Cell::Empty))
                        .map(value),
                })
            })
            .collect();
        if points.is_empty() {
            return;
        }
        if chart.kind == ChartKind::Bar {
            points.sort_by(|a, b| b.value.total_cmp(&a.value));
            points.truncate(15);
        }
        let height = match chart.kind {
            ChartKind::Bar => points.len() as f32 * 16.0 + 40.0,
            _ => 190.0,
        };
        self.ensure(height + 30.0);
        self.text(MARGIN, self.y + 12.0, 10.0, true, INK, chart.title.clone());
        if let Some(column) = chart.baseline_column {
            self.legend(
                &section.columns[chart.value_column],
                &section.columns[column],
            );
        }
        self.y += 22.0;
        match chart.kind {
            ChartKind::Bar => self.bars(&points, height),
            ChartKind::Column | ChartKind::Line => self.plot(chart, &points, height),
        }
        self.y += height;
    }

    /// The two series' names at the chart's top right: a solid and a dashed sample line.
    fn legend(&mut self, value: &str, baseline: &str) {
        let right = self.page().w - MARGIN;
        let y = self.y + 9.0;
        let (w_value, w_base) = (
            self.width(value, 7.5, false),
            self.width(baseline, 7.5, false),
        );
        let base_x = right - w_base;
        let value_x = base_x - 24.0 - 18.0 - w_value;
        for (x, text, color, dashed) in [
            (value_x, value, ACCENT, false),
            (base_x, baseline, BASELINE, true),
        ] {
            self.ops().push(Op::Line {
                points: vec![(x - 20.0, y - 2.5), (x - 4.0, y - 2.5)],
                width: 1.6,
                color,
                dashed,
            });
            self.text(x, y, 7.5, false, MUTED, text.to_string());
        }
    }

    fn bars(&mut self, points: &[Point], height: f32) {
        let max = points.iter().map(|p| p.value).fold(0.0, f64::max).max(1e-9);
        let (_, top) = nice_scale(max);
        let label_w = 90.0;
        let x0 = MARGIN + label_w + 4.0;
        // Room on the right for the value printed after the longest bar.
        let w = self.page().w - MARGIN - x0 - 70.0;
        let y0 = self.y;
        for (i, p) in points.iter().enumerate() {
            let y = y0 + i as f32 * 16.0;
            let t = self.fit(&p.label, 7.5, false, label_w);
            let tw = self.width(&t, 7.5, false);
            self.text(x0 - 4.0 - tw, y + 10.0, 7.5, false, INK, t);
            let bw = (p.value / top) as f32 * w;
            self.ops().push(Op::Rect {
                x: x0,
                y: y + 2.0,
                w: bw.max(0.5),
                h: 11.0,
                color: ACCENT,
            });
            let shown = Cell::Money(format!("{:.2}", p.value)).display();
            self.text(x0 + bw + 4.0, y + 10.0, 7.0, false, MUTED, shown);
        }
        let _ = height;
    }

    fn plot(&mut self, chart: &Chart, points: &[Point], height: f32) {
        let max = points
            .iter()
            .map(|p| p.value.max(p.baseline.unwrap_or(0.0)))
            .fold(0.0, f64::max)
            .max(1e-9);
        let (step, top) = nice_scale(max);
        let (x0, y0) = (MARGIN + 60.0, self.y);
        let (w, h) = (self.page().w - 2.0 * MARGIN - 70.0, height - 40.0);
        let n = points.len() as f32;
        let ticks = (top / step).round() as usize;
        for k in 0..=ticks {
            let v = step * k as f64;
            let y = y0 + h - (v / top) as f32 * h;
            self.ops().push(Op::Line {
                points: vec![(x0, y), (x0 + w, y)],
                width: 0.4,
                color: RULE,
                dashed: false,
            });
            let label = axis_label(v, step);
            let lw = self.width(&label, 7.0, false);
            self.text(x0 - 4.0 - lw, y + 2.5, 7.0, false, MUTED, label);
        }
        let slot = w / n;
        let every = ((n / 12.0).ceil() as usize).max(1);
        let (mut line, mut base_line) = (Vec::new(), Vec::new());
        let y_of = |v: f64| y0 + h - (v / top) as f32 * h;
        for (i, p) in points.iter().enumerate() {
            let cx = x0 + slot * (i as f32 + 0.5);
            let vy = y_of(p.value);
            if chart.kind == ChartKind::Column {
                let bw = (slot * 0.6).min(40.0);
                let color = chart
                    .colors
                    .get(i)
                    .and_then(|c| hex_rgb(c))
                    .unwrap_or(ACCENT);
                self.ops().push(Op::Rect {
                    x: cx - bw / 2.0,
                    y: vy,
                    w: bw,
                    h: y0 + h - vy,
                    color,
                });
                let shown = axis_label(p.value, 1.0);
                let sw = self.width(&shown, 7.0, false);
                if sw <= slot {
                    self.text(cx - sw / 2.0, vy - 3.0, 7.0, false, MUTED, shown);
                }
            } else {
                line.push((cx, vy));
            }
            if let Some(b) = p.baseline {
                base_line.push((cx, y_of(b)));
            }
            if i % every == 0 {
                let t = self.fit(&p.label, 7.0, false, slot * every as f32 - 2.0);
                let tw = self.width(&t, 7.0, false);
                self.text(cx - tw / 2.0, y0 + h + 11.0, 7.0, false, MUTED, t);
            }
        }
        for (series, color, dashed) in [(base_line, BASELINE, true), (line, ACCENT, false)] {
            match series.as_slice() {
                [] => {}
                [(x, y)] => self.ops().push(Op::Rect {
                    x: x - 2.0,
                    y: y - 2.0,
                    w: 4.0,
                    h: 4.0,
                    color,
                }),
                _ => self.ops().push(Op::Line {
                    points: series,
                    width: 1.6,
                    color,
                    dashed,
                }),
            }
        }
    }
}
