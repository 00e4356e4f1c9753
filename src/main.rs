//! The `kecarajocomer` binary: see `kecarajocomer --help`.

fn main() -> std::process::ExitCode {
    kecarajocomer::cli::main()
}
