//! Writing a picture's two files, SVG and PNG, side by side under one new
//! name, never over an earlier picture.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::atomic::{is_already_there, write_new_atomically};

/// More pictures than this under one name (one second) is something else
/// going wrong; stop rather than loop.
const MAX_PER_NAME: usize = 1000;

/// Writes `svg` and its PNG as `<base>.svg` and `<base>.png` in `dir`, or
/// as `<base>-2.*`, `<base>-3.*` … when either name is taken (two pictures
/// in one second, or another costlens beside this one). Each file is
/// written atomically; the paths come back in that order.
pub(crate) fn write_new_pictures(
    dir: &Path,
    base: &str,
    svg: &str,
) -> anyhow::Result<Vec<PathBuf>> {
    let png = super::png(svg)?;
    let stems =
        std::iter::once(base.to_string()).chain((2..=MAX_PER_NAME).map(|n| format!("{base}-{n}")));
    for stem in stems {
        let svg_path = dir.join(format!("{stem}.svg"));
        let png_path = dir.join(format!("{stem}.png"));
        if png_path.symlink_metadata().is_ok() {
            continue;
        }
        match write_new_atomically(&svg_path, svg.as_bytes()) {
            Ok(()) => {}
            Err(err) if is_already_there(&err) => continue,
            Err(err) => return Err(err),
        }
        match write_new_atomically(&png_path, &png) {
            Ok(()) => return Ok(vec![svg_path, png_path]),
            Err(err) => {
                // Ours a moment ago: the pair goes together or not at all.
                let _ = std::fs::remove_file(&svg_path);
                if !is_already_there(&err) {
                    return Err(err);
                }
            }
        }
    }
    anyhow::bail!(
        "{MAX_PER_NAME} pictures named {base} already in {}",
        dir.display()
    )
}

/// Writes `bytes` at `path`, replacing what is there atomically (`costlens
/// snapshot --out`, which a script reruns).
pub(crate) fn replace(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    // Said plainly before the temp file's own wording (a random name)
    // could reach the message.
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        anyhow::bail!(
            "cannot write the picture {}: the folder {} does not exist",
            path.display(),
            folder.display()
        );
    }
    crate::atomic::write_atomically(path, bytes)
        .with_context(|| format!("cannot write the picture {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    #[test]
    fn a_picture_never_overwrites_one_already_there() {
        let dir = tempfile::tempdir().unwrap();
        let mut buffer = Buffer::empty(Rect::new(0, 0, 4, 1));
        buffer.set_string(0, 0, "hi", ratatui::style::Style::new());
        let svg = crate::picture::svg(&buffer, crate::picture::Canvas::TERMINAL);
        let earlier = dir.path().join("costlens-compare-t.png");
        std::fs::write(&earlier, "earlier").unwrap();
        let first = write_new_pictures(dir.path(), "costlens-compare-t", &svg).unwrap();
        assert_eq!(
            first,
            vec![
                dir.path().join("costlens-compare-t-2.svg"),
                dir.path().join("costlens-compare-t-2.png")
            ]
        );
        let second = write_new_pictures(dir.path(), "costlens-compare-t", &svg).unwrap();
        assert_eq!(second[0], dir.path().join("costlens-compare-t-3.svg"));
        assert_eq!(std::fs::read_to_string(&earlier).unwrap(), "earlier");
        assert_eq!(std::fs::read_to_string(&first[0]).unwrap(), svg);
        assert!(std::fs::read(&first[1]).unwrap().starts_with(b"\x89PNG"));
        // Nothing else: no temp file, no lone SVG from the taken name.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 5);
    }
}
