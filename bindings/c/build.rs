//! Gives the shared library a versioned SONAME (`librecourse.so.<ABI major>`) on ELF targets,
//! so hosts link against `librecourse.so.0` and a future incompatible ABI can live beside it.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if matches!(
        os.as_str(),
        "linux" | "freebsd" | "netbsd" | "openbsd" | "dragonfly"
    ) {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,librecourse.so.0");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
