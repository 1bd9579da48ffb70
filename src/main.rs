//! The `pulse` binary: everything lives in the library; this only hands over the exit code.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    pulse::cli::main()
}
