//! Files that are not text or cannot be read as text: bytes, encodings,
//! sizes, folders, symlinks.

use super::{Case, Contents, at, nowhere, run};

whole_files! {
    // ----- files that are not text
    binary_garbage: Case {
        file: "garbage.toml",
        // An ELF header: valid UTF-8, but control characters, not TOML.
        contents: Contents::Bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00"),
        others: &[],
        expect: &[
            at("garbage.toml", 1, 1, "invalid TOML: invalid unquoted key"),
            at("garbage.toml", 1, 5, "invalid TOML: invalid unquoted key"),
            at("garbage.toml", 1, 12, "invalid TOML: key with no value, expected `=`"),
        ],
    };
    binary_image_not_utf8: Case {
        file: "image.toml",
        contents: Contents::Bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        others: &[],
        expect: &[at("image.toml", 1, 1, "file is not UTF-8 (found byte 0x89)")],
    };
    not_utf8_mid_file: Case {
        file: "latin1.toml",
        // The third line holds a Latin-1 `e acute`, byte 0xE9.
        contents: Contents::Bytes(
            b"# Opus, as exported\nname = \"Opus\"\nnotes = \"caf\xe9 edition\"\n",
        ),
        others: &[],
        expect: &[at("latin1.toml", 3, 13, "file is not UTF-8 (found byte 0xE9)")],
    };

    // ----- files that cannot be read as text
    file_over_one_mib: Case {
        file: "big.toml",
        contents: Contents::OverOneMib,
        others: &[],
        expect: &[nowhere("big.toml", "file is larger than 1 MiB (found 1048577 bytes)")],
    };
    directory_named_toml: Case {
        file: "x.toml",
        contents: Contents::Directory,
        others: &[],
        expect: &[nowhere("x.toml", "is a directory, not a profile file")],
    };
    symlink_loop: Case {
        file: "a.toml",
        contents: Contents::Symlink("b.toml"),
        others: &[("b.toml", Contents::Symlink("a.toml"))],
        expect: &[nowhere("a.toml", "cannot read: "), nowhere("b.toml", "cannot read: ")],
    };
    dangling_symlink: Case {
        file: "gone.toml",
        contents: Contents::Symlink("deleted-since.toml"),
        others: &[],
        expect: &[nowhere("gone.toml", "cannot read: ")],
    };
}
