//! Where the workspace, the built binaries and helper tools are; running the CLI.

use super::*;

// ---------------------------------------------------------------------------
// Paths and binaries
// ---------------------------------------------------------------------------

/// The repository root (the Cargo workspace root).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.join("../..");
    root.canonicalize().unwrap_or(root)
}

/// Cargo's target directory: `$CARGO_TARGET_DIR` (relative to the workspace
/// root if relative) or `<root>/target`.
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                workspace_root().join(dir)
            }
        }
        _ => workspace_root().join("target"),
    }
}

/// The build profile whose binaries are run: `debug`, or `$KEUKENTAFEL_E2E_PROFILE` (the
/// start-up benchmark runs the `release` app).
pub fn profile() -> String {
    std::env::var("KEUKENTAFEL_E2E_PROFILE").ok().filter(|p| !p.is_empty()).unwrap_or_else(|| "debug".into())
}

pub(crate) fn built_binary(name: &str, package: &str) -> PathBuf {
    let path = target_dir().join(profile()).join(name);
    if !path.is_file() {
        panic!(
            "{} is not built (looked for {}).\n\
             Build it first: `make test` does everything, or by hand \
             `(cd ui && npm ci && npm run build) && cargo build -p {package}`.",
            name,
            path.display()
        );
    }
    path
}

/// Absolute path of the debug app binary `target/debug/keukentafel`.
///
/// Panics with instructions if it has not been built.
pub fn app_binary() -> PathBuf {
    built_binary("keukentafel", "keukentafel-app")
}

/// Absolute path of the debug CLI binary `target/debug/keukentafel-cli`.
pub fn cli_binary() -> PathBuf {
    built_binary("keukentafel-cli", "keukentafel-cli")
}

/// Run `keukentafel-cli` with `args` and return its stdout.
///
/// Panics (showing stderr) if it exits non-zero. Paths can be passed with
/// `path.to_str().unwrap()`.
pub fn cli(args: &[&str]) -> String {
    let bin = cli_binary();
    let out = Command::new(&bin)
        .env("KEUKENTAFEL_PASSPHRASE", crate::PASSPHRASE)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
    if !out.status.success() {
        panic!(
            "keukentafel-cli {} failed ({}):\n{}",
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    String::from_utf8(out.stdout).expect("keukentafel-cli printed non-UTF-8")
}

/// Find an executable on `PATH`, then in `$CARGO_HOME/bin` / `~/.cargo/bin`.
pub(crate) fn find_executable(name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        dirs.push(PathBuf::from(home).join("bin"));
    }
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    dirs.into_iter().map(|d| d.join(name)).find(|p| {
        p.is_file()
            && p.metadata()
                .map(|m| m.permissions().mode() & 0o111 != 0)
                .unwrap_or(false)
    })
}
