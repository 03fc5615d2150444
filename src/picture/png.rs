//! The SVG rendered to PNG by resvg, with the committed fonts only (no
//! system font is ever looked up), so a picture is the same on every
//! machine.

use std::sync::{Arc, OnceLock};

use anyhow::{Context, anyhow};
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};

/// The fonts, as `assets/fonts/` has them: DejaVu Sans Mono (regular and
/// bold) and the braille patterns it lacks, from DejaVu Sans.
pub(crate) const FONT_FILES: [(&str, &[u8]); 3] = [
    (
        "DejaVuSansMono.ttf",
        include_bytes!("../../assets/fonts/DejaVuSansMono.ttf"),
    ),
    (
        "DejaVuSansMono-Bold.ttf",
        include_bytes!("../../assets/fonts/DejaVuSansMono-Bold.ttf"),
    ),
    (
        "DejaVuSansMono-Braille.ttf",
        include_bytes!("../../assets/fonts/DejaVuSansMono-Braille.ttf"),
    ),
];

/// The family every picture's text asks for first.
const FAMILY: &str = "DejaVu Sans Mono";

/// The committed fonts as a font database, built once: a character
/// DejaVu Sans Mono lacks (braille) falls back to the next face that has
/// it, and there are no others.
pub fn font_database() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut fonts = fontdb::Database::new();
            for (_, bytes) in FONT_FILES {
                fonts.load_font_data(bytes.to_vec());
            }
            // `monospace` and any family not found mean ours.
            fonts.set_monospace_family(FAMILY);
            fonts.set_serif_family(FAMILY);
            fonts.set_sans_serif_family(FAMILY);
            Arc::new(fonts)
        })
        .clone()
}

/// `svg` (from [`super::svg`]) as PNG bytes, one pixel per SVG unit.
pub fn png(svg: &str) -> anyhow::Result<Vec<u8>> {
    let options = usvg::Options {
        font_family: FAMILY.to_string(),
        fontdb: font_database(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).context("cannot read the SVG to render it")?;
    let size = tree.size().to_int_size();
    let mut pixmap = Pixmap::new(size.width(), size.height())
        .with_context(|| format!("cannot make a {}×{} picture", size.width(), size.height()))?;
    resvg::render(&tree, Transform::identity(), &mut pixmap.as_mut());
    pixmap
        .encode_png()
        .map_err(|err| anyhow!("cannot encode the PNG: {err}"))
}
