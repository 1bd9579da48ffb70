//! Delivery latency over time as a PNG: every delivery a dot, each second's p50 and p99 a
//! line, on a log scale from 0.1 ms to 10 s; axes labelled with a 3×5 pixel font (digits,
//! `m`, `s`, `p`), so the plot needs nothing but the `png` encoder.

use std::path::Path;

const W: usize = 960;
const H: usize = 440;
const LEFT: usize = 56;
const RIGHT: usize = 16;
const TOP: usize = 16;
const BOTTOM: usize = 36;

struct Canvas {
    px: Vec<[u8; 3]>,
}

impl Canvas {
    fn set(&mut self, x: i64, y: i64, c: [u8; 3]) {
        if (0..W as i64).contains(&x) && (0..H as i64).contains(&y) {
            self.px[y as usize * W + x as usize] = c;
        }
    }

    fn blend(&mut self, x: i64, y: i64, c: [u8; 3], a: f32) {
        if (0..W as i64).contains(&x) && (0..H as i64).contains(&y) {
            let p = &mut self.px[y as usize * W + x as usize];
            for i in 0..3 {
                p[i] = (p[i] as f32 * (1.0 - a) + c[i] as f32 * a) as u8;
            }
        }
    }

    fn line(&mut self, (x0, y0): (f64, f64), (x1, y1): (f64, f64), c: [u8; 3], thick: i64) {
        let steps = ((x1 - x0).abs().max((y1 - y0).abs()) as usize).max(1);
        for s in 0..=steps {
            let t = s as f64 / steps as f64;
            let (x, y) = ((x0 + (x1 - x0) * t) as i64, (y0 + (y1 - y0) * t) as i64);
            for dx in 0..thick {
                for dy in 0..thick {
                    self.set(x + dx, y + dy, c);
                }
            }
        }
    }

    fn text(&mut self, x: i64, y: i64, s: &str, c: [u8; 3]) {
        for (i, ch) in s.chars().enumerate() {
            let g = glyph(ch);
            for row in 0..5 {
                for col in 0..3 {
                    if g & (1 << (14 - (row * 3 + col))) != 0 {
                        for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                            self.set(x + i as i64 * 8 + col * 2 + dx, y + row * 2 + dy, c);
                        }
                    }
                }
            }
        }
    }
}

/// 3×5 glyphs, row-major, top-left bit first.
fn glyph(c: char) -> u16 {
    match c {
        '0' => 0b111_101_101_101_111,
        '1' => 0b010_110_010_010_111,
        '2' => 0b111_001_111_100_111,
        '3' => 0b111_001_111_001_111,
        '4' => 0b101_101_111_001_001,
        '5' => 0b111_100_111_001_111,
        '6' => 0b111_100_111_101_111,
        '7' => 0b111_001_010_010_010,
        '8' => 0b111_101_111_101_111,
        '9' => 0b111_101_111_001_111,
        'm' => 0b000_000_111_111_101,
        's' => 0b000_011_010_001_110,
        'p' => 0b000_111_101_111_100,
        '.' => 0b000_000_000_000_010,
        _ => 0,
    }
}

/// Draws `samples` (seconds since the first send, latency in ms) to `path`.
pub fn latency_over_time(path: &Path, samples: &[(f64, f64)]) -> std::io::Result<()> {
    let mut c = Canvas { px: vec![[255, 255, 255]; W * H] };
    let t_max = samples.iter().map(|s| s.0).fold(1.0f64, f64::max).ceil();
    let (pw, ph) = ((W - LEFT - RIGHT) as f64, (H - TOP - BOTTOM) as f64);
    let x_of = |t: f64| LEFT as f64 + t / t_max * pw;
    // 0.1 ms .. 10 s, log10.
    let y_of = |ms: f64| TOP as f64 + ph - ((ms.max(0.1) * 10.0).log10() / 5.0).min(1.0) * ph;
    let grid = [225, 225, 225];
    let ink = [60, 60, 60];
    for (ms, label) in [(0.1, ".1ms"), (1.0, "1ms"), (10.0, "10ms"), (100.0, "100ms"), (1000.0, "1s"), (10000.0, "10s")]
    {
        let y = y_of(ms);
        c.line((LEFT as f64, y), ((W - RIGHT) as f64, y), grid, 1);
        c.text(4, y as i64 - 5, label, ink);
    }
    let step = if t_max > 60.0 { 20.0 } else { 10.0 };
    let mut t = 0.0;
    while t <= t_max {
        let x = x_of(t);
        c.line((x, TOP as f64), (x, (H - BOTTOM) as f64), grid, 1);
        c.text(x as i64 - 8, (H - BOTTOM + 8) as i64, &format!("{t:.0}s"), ink);
        t += step;
    }
    for &(t, ms) in samples {
        c.blend(x_of(t) as i64, y_of(ms) as i64, [70, 130, 220], 0.25);
    }
    // Each second's p50 and p99.
    let mut by_sec: Vec<Vec<f64>> = vec![Vec::new(); t_max as usize + 1];
    for &(t, ms) in samples {
        by_sec[t as usize].push(ms);
    }
    for (q, color) in [(0.50, [20, 60, 160]), (0.99, [210, 40, 40])] {
        let mut prev = None;
        for (s, v) in by_sec.iter_mut().enumerate() {
            if v.is_empty() {
                prev = None;
                continue;
            }
            v.sort_by(|a, b| a.total_cmp(b));
            let p = (x_of(s as f64 + 0.5), y_of(v[((v.len() - 1) as f64 * q) as usize]));
            if let Some(a) = prev {
                c.line(a, p, color, 2);
            }
            prev = Some(p);
        }
    }
    c.line((LEFT as f64, TOP as f64), (LEFT as f64, (H - BOTTOM) as f64), ink, 1);
    c.line((LEFT as f64, (H - BOTTOM) as f64), ((W - RIGHT) as f64, (H - BOTTOM) as f64), ink, 1);
    // Legend.
    let lx = (W - RIGHT - 120) as f64;
    c.line((lx, 24.0), (lx + 20.0, 24.0), [20, 60, 160], 2);
    c.text(lx as i64 + 26, 20, "p50", ink);
    c.line((lx + 64.0, 24.0), (lx + 84.0, 24.0), [210, 40, 40], 2);
    c.text(lx as i64 + 90, 20, "p99", ink);

    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut enc = png::Encoder::new(file, W as u32, H as u32);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut w = enc.write_header().map_err(std::io::Error::other)?;
    let data: Vec<u8> = c.px.iter().flatten().copied().collect();
    w.write_image_data(&data).map_err(std::io::Error::other)?;
    Ok(())
}
