fn main() -> std::process::ExitCode {
    costlens::cli::main()
}
