//! Pictures of the screen (`x`, `costlens snapshot`): the SVG of a small
//! buffer built by hand against its golden file and read back as XML; its
//! PNG decoded (size, text drawn, canvas where nothing is); the committed
//! fonts covering, on the cell grid, every character the screen draws from
//! box drawing, block elements and braille; and README's pictures in
//! `assets/` redrawn and compared (`scripts/pictures --check`).

use std::fs;
use std::path::Path;
use std::process::Command;

use costlens::picture::{self, CELL_HEIGHT_PX, CELL_WIDTH_PX, Canvas, Rgb};
use insta::assert_snapshot;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use resvg::usvg;

const CANVAS: Canvas = Canvas {
    foreground: Rgb(0xe5, 0xe5, 0xe5),
    background: Rgb(0x1e, 0x1e, 0x1e),
};
const SELECTED: Rgb = Rgb(40, 44, 52);

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// 30×6 cells of everything a cell can carry.
fn golden_buffer() -> Buffer {
    let mut buffer = Buffer::empty(Rect::new(0, 0, 30, 6));
    let bold = Style::new()
        .fg(Color::Rgb(0, 92, 170))
        .add_modifier(Modifier::BOLD);
    buffer.set_string(0, 0, "costlens", bold);
    buffer.set_string(9, 0, "<&>\"'", Style::new());
    buffer.set_string(16, 0, "a      b", Style::new().fg(Color::Green));
    let underline = Style::new()
        .fg(Color::Indexed(33))
        .add_modifier(Modifier::UNDERLINED);
    buffer.set_string(0, 1, "under", underline);
    let reversed = Style::new().fg(Color::Red).add_modifier(Modifier::REVERSED);
    buffer.set_string(6, 1, "rev", reversed);
    buffer.set_string(10, 1, "dim", Style::new().add_modifier(Modifier::DIM));
    // A control character set straight into a cell never reaches the XML.
    buffer[(14, 1)].set_symbol("\u{7}");
    buffer.set_string(16, 1, "a       b", Style::new());
    // One band over two rows: one rectangle.
    let band = Style::new().bg(Color::Rgb(SELECTED.0, SELECTED.1, SELECTED.2));
    for y in 2..4 {
        buffer.set_style(Rect::new(0, y, 10, 1), band);
    }
    buffer.set_string(0, 2, "selected", band.add_modifier(Modifier::BOLD));
    buffer.set_string(0, 3, "row two", band);
    buffer.set_string(12, 2, "╭─│", Style::new().fg(Color::DarkGray));
    buffer.set_string(16, 2, "▁▄█░▓", Style::new().fg(Color::Cyan));
    buffer.set_string(22, 2, "⣀⠤⠒", Style::new().fg(Color::Blue));
    // Wide characters take two cells each; the background under the
    // second cell is the first's.
    let wide = Style::new().bg(Color::Indexed(236));
    buffer.set_string(0, 4, "通问a🚀b", wide);
    buffer.set_string(
        12,
        4,
        "gone",
        Style::new().add_modifier(Modifier::CROSSED_OUT),
    );
    buffer.set_string(17, 4, "tilt", Style::new().add_modifier(Modifier::ITALIC));
    buffer.set_string(0, 5, "  ", Style::new().add_modifier(Modifier::UNDERLINED));
    buffer
}

#[test]
fn a_small_screen_is_its_golden_svg() {
    let svg = picture::svg(&golden_buffer(), CANVAS);
    assert_snapshot!("picture_golden_30x6", svg);
    // The same buffer, the same bytes.
    assert_eq!(picture::svg(&golden_buffer(), CANVAS), svg);
}

/// The `<text>` elements: (x, y, text), in document order.
fn texts(doc: &roxmltree::Document) -> Vec<(String, String, String)> {
    doc.descendants()
        .filter(|node| node.has_tag_name("text"))
        .map(|node| {
            (
                node.attribute("x").unwrap().to_string(),
                node.attribute("y").unwrap().to_string(),
                node.text().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_svg_reads_back_as_xml_with_every_cell_in_place() {
    let svg = picture::svg(&golden_buffer(), CANVAS);
    let doc = roxmltree::Document::parse(&svg).expect("valid XML");
    let root = doc.root_element();
    assert_eq!(root.attribute("width"), Some("300"));
    assert_eq!(root.attribute("height"), Some("120"));
    assert!(
        root.attribute("font-family")
            .unwrap()
            .starts_with("'DejaVu Sans Mono'")
    );
    let texts = texts(&doc);
    let at = |text: &str| {
        texts
            .iter()
            .find(|(_, _, t)| t == text)
            .map(|(x, y, _)| (x.as_str(), y.as_str()))
            .unwrap_or_else(|| panic!("no run {text:?} in {texts:?}"))
    };
    // Escaped on the way out, whole on the way back in.
    assert_eq!(at("<&>\"'"), ("90", "15.7"));
    // A short gap stays inside a run; a long one starts another.
    assert_eq!(at("a      b"), ("160", "15.7"));
    assert_eq!(at("a"), ("160", "35.7"));
    assert_eq!(at("b"), ("240", "35.7"));
    // Wide characters are placed by their cells: 通 at 0, 问 at 2, 🚀 at 5.
    assert_eq!(at("通"), ("0", "95.7"));
    assert_eq!(at("问"), ("20", "95.7"));
    assert_eq!(at("🚀"), ("50", "95.7"));
    assert_eq!(at("b").1, "35.7");
    assert!(!svg.contains('\u{7}'));
    // A run whose spaces a browser would collapse says to keep them itself
    // (Chrome ignores the root's `xml:space`).
    let xml = "http://www.w3.org/XML/1998/namespace";
    for node in doc.descendants().filter(|node| node.has_tag_name("text")) {
        let text = node.text().unwrap_or_default();
        let spaced = text.starts_with(' ') || text.ends_with(' ') || text.contains("  ");
        let kept = node.attribute((xml, "space")) == Some("preserve");
        assert_eq!(spaced, kept, "{text:?}");
    }
    // The band is one rectangle over two rows; the canvas is another.
    let rects: Vec<_> = doc
        .descendants()
        .filter(|node| node.has_tag_name("rect"))
        .map(|node| {
            ["x", "y", "width", "height", "fill"].map(|name| node.attribute(name).unwrap_or("-"))
        })
        .collect();
    assert!(
        rects.contains(&["-", "-", "300", "120", "#1e1e1e"]),
        "{rects:?}"
    );
    assert!(
        rects.contains(&["0", "40", "100", "40", "#282c34"]),
        "{rects:?}"
    );
    // Reversed: the red becomes the background.
    assert!(
        rects.contains(&["60", "20", "30", "20", "#cd0000"]),
        "{rects:?}"
    );
    // Under 通问a🚀b: eight cells of one background, wide halves included.
    assert!(
        rects.contains(&["0", "80", "80", "20", "#303030"]),
        "{rects:?}"
    );
}

fn decode(png: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut pixels).expect("a frame");
    assert_eq!(info.color_type, png::ColorType::Rgba);
    pixels.truncate(info.buffer_size());
    (info.width, info.height, pixels)
}

/// The colours of every pixel in cells `x0..x1` of row `y`.
fn cell_pixels(image: &(u32, u32, Vec<u8>), x0: u32, x1: u32, y: u32) -> Vec<Rgb> {
    let (width, _, pixels) = image;
    let mut found = Vec::new();
    for py in y * CELL_HEIGHT_PX..(y + 1) * CELL_HEIGHT_PX {
        for px in x0 * CELL_WIDTH_PX..x1 * CELL_WIDTH_PX {
            let at = ((py * width + px) * 4) as usize;
            found.push(Rgb(pixels[at], pixels[at + 1], pixels[at + 2]));
        }
    }
    found
}

#[test]
fn the_png_is_the_grid_with_text_drawn_on_the_canvas() {
    let svg = picture::svg(&golden_buffer(), CANVAS);
    let image = decode(&picture::png(&svg).unwrap());
    assert_eq!((image.0, image.1), (30 * CELL_WIDTH_PX, 6 * CELL_HEIGHT_PX));
    let background = CANVAS.background;
    // Text is drawn where text is.
    let costlens = cell_pixels(&image, 0, 8, 0);
    assert!(costlens.iter().any(|pixel| *pixel != background));
    assert!(
        cell_pixels(&image, 22, 25, 2)
            .iter()
            .any(|p| *p != background)
    );
    // Only the canvas where there is nothing (the last cells of a row).
    let empty = cell_pixels(&image, 26, 30, 5);
    assert!(empty.iter().all(|pixel| *pixel == background), "{empty:?}");
    // The band's own colour beside its text (cells 8 and 9 are blank).
    let band = cell_pixels(&image, 8, 10, 2);
    assert!(band.iter().all(|pixel| *pixel == SELECTED), "{band:?}");
    // The underline under two blanks is drawn.
    assert!(
        cell_pixels(&image, 0, 2, 5)
            .iter()
            .any(|p| *p != background)
    );
}

/// Every character outside ASCII that `src/ui` and `src/app` put on
/// screen (comments and unit tests left out), narrow ones only: a wide
/// one is placed by its cell whatever font draws it.
fn drawn_characters() -> Vec<char> {
    let mut found = std::collections::BTreeSet::new();
    let mut stack = vec![repo().join("src/ui"), repo().join("src/app")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = fs::read_to_string(&path).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for line in code.lines() {
                let line = line.split("//").next().unwrap_or_default();
                found.extend(line.chars().filter(|c| !c.is_ascii()));
            }
        }
    }
    found
        .into_iter()
        .filter(|c| unicode_width::UnicodeWidthChar::width(*c) == Some(1))
        .collect()
}

#[test]
fn the_fonts_draw_every_block_character_on_the_grid() {
    let blocks = [
        '\u{2500}'..='\u{257F}',
        '\u{2580}'..='\u{259F}',
        '\u{2800}'..='\u{28FF}',
    ];
    let mut wanted: Vec<char> = blocks.into_iter().flatten().collect();
    wanted.extend(drawn_characters());
    // The full and half blocks are drawn as rectangles, not glyphs (see
    // `blocks_are_rectangles_without_seams`).
    wanted.retain(|c| !['█', '▀', '▄'].contains(c));
    assert!(
        wanted.contains(&'·') && wanted.contains(&'▸'),
        "the scan found the ui's symbols"
    );
    // 32 to a row, each row one run of text, regular and bold.
    let rows = wanted.len().div_ceil(32) as u16;
    let mut buffer = Buffer::empty(Rect::new(0, 0, 32, rows * 2));
    for (row, chunk) in wanted.chunks(32).enumerate() {
        let text: String = chunk.iter().collect();
        let row = row as u16;
        buffer.set_string(0, row, &text, Style::new());
        buffer.set_string(
            0,
            rows + row,
            &text,
            Style::new().add_modifier(Modifier::BOLD),
        );
    }
    let svg = picture::svg(&buffer, CANVAS);
    let options = usvg::Options {
        fontdb: picture::font_database(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(&svg, &options).unwrap();
    let mut glyphs = Vec::new();
    collect_glyphs(tree.root(), &mut glyphs);
    let drawn: String = glyphs.iter().map(|glyph| glyph.text.as_str()).collect();
    let expected: String = wanted.iter().chain(&wanted).collect();
    assert_eq!(drawn, expected, "every character became one glyph");
    for (at, glyph) in glyphs.iter().enumerate() {
        let c = glyph.text.clone();
        assert_ne!(
            glyph.id.0,
            0,
            "{c} ({:04X}) has no glyph",
            c.chars().next().unwrap() as u32
        );
        let face = tree.fontdb().face(glyph.font).unwrap();
        let family = &face.families[0].0;
        // Braille from the face made for it, everything else from the mono.
        let braille = ('\u{2800}'..='\u{28FF}').contains(&c.chars().next().unwrap());
        let want = if braille {
            "DejaVu Sans Mono Braille"
        } else {
            "DejaVu Sans Mono"
        };
        assert_eq!(family, want, "{c}");
        // On its cell, to a hundredth of a pixel: one advance is one cell.
        let x = glyph.transform().tx;
        let column = (at % wanted.len()) % 32;
        let expected_x = (column as u32 * CELL_WIDTH_PX) as f32;
        assert!(
            (x - expected_x).abs() < 0.01,
            "{c} at {x}, not {expected_x}"
        );
    }
}

fn collect_glyphs(group: &usvg::Group, into: &mut Vec<usvg::layout::PositionedGlyph>) {
    for node in group.children() {
        match node {
            usvg::Node::Group(inner) => collect_glyphs(inner, into),
            usvg::Node::Text(text) => {
                for span in text.layouted() {
                    into.extend(span.positioned_glyphs.iter().cloned());
                }
            }
            _ => {}
        }
    }
}

/// README's pictures are what the code draws now; `scripts/pictures`
/// redraws them after a change to the screen.
#[test]
fn the_committed_pictures_are_what_the_code_draws() {
    let out = Command::new("python3")
        .arg(repo().join("scripts/pictures"))
        .args(["--check", "--bin", env!("CARGO_BIN_EXE_costlens")])
        .current_dir(repo())
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A bar several rows tall is one rectangle: `█` cells fill their whole
/// cell and `▀` / `▄` their half, so no seam shows between rows (a font's
/// block glyph never quite fills a 20-pixel cell).
#[test]
fn blocks_are_rectangles_without_seams() {
    let mut buffer = Buffer::empty(Rect::new(0, 0, 4, 4));
    let red = Style::new().fg(ratatui::style::Color::Rgb(200, 0, 0));
    for y in 0..3 {
        buffer.set_string(1, y, "█", red);
    }
    buffer.set_string(1, 3, "▀", red);
    buffer.set_string(2, 3, "▄", red);
    let svg = picture::svg(&buffer, CANVAS);
    // Column 1: three full cells and a top half, 3.5 rows, one rectangle.
    assert!(
        svg.contains(r##"<rect x="10" y="0" width="10" height="70" fill="#c80000"/>"##),
        "{svg}"
    );
    // Column 2's bottom half: rows 3.5 to 4.
    assert!(
        svg.contains(r##"<rect x="20" y="70" width="10" height="10" fill="#c80000"/>"##),
        "{svg}"
    );
    assert!(
        !svg.contains('█') && !svg.contains('▀') && !svg.contains('▄'),
        "{svg}"
    );
}
