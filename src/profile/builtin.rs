//! The shipped `profiles/` folder, built into the binary: used when there
//! is no `./profiles`, and written out by `init`.

/// One built-in file.
#[derive(Debug, Clone, Copy)]
pub struct BuiltinFile {
    pub name: &'static str,
    pub text: &'static str,
}

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(BuiltinFile { name: $name, text: include_str!(concat!("../../profiles/", $name)) }),*]
    };
}

/// Kept equal to the folder by a test, so a new file cannot be forgotten.
pub const BUILTIN_FILES: &[BuiltinFile] = builtin![
    "fable-5.1.toml",
    "haiku-4.5.toml",
    "haiku-5.5.toml",
    "opus-4.8.toml",
    "opus-5.5.toml",
    "scenario.toml",
    "sonnet-4.6.toml",
    "sonnet-5.5.toml",
    "tiered.toml",
];
