//! Hands the site's names to the server as compile-time constants, read from
//! the workspace's `[[workspace.metadata.leptos]]` table: the one place that
//! `scripts/build-site.sh` and cargo-leptos read them too, so the server
//! always asks for the files the build wrote.

use std::{env, fs, path::PathBuf};

const KEYS: [(&str, &str); 3] = [
    ("output-name", "KANTA_SITE_OUTPUT_NAME"),
    ("site-root", "KANTA_SITE_ROOT_DEFAULT"),
    ("site-pkg-dir", "KANTA_SITE_PKG_DIR"),
];

fn main() {
    let manifest =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")).join("../Cargo.toml");
    println!("cargo:rerun-if-changed={}", manifest.display());
    // `sqlx::migrate!` embeds the migrations: a new one rebuilds the server.
    println!("cargo:rerun-if-changed=../migrations");
    let text = fs::read_to_string(&manifest).expect("the workspace's Cargo.toml is readable");
    let mut in_table = false;
    let mut found = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_table = line == "[[workspace.metadata.leptos]]";
        } else if let (true, Some((key, value))) = (in_table, line.split_once('=')) {
            if let Some((_, name)) = KEYS.iter().find(|(k, _)| *k == key.trim()) {
                println!("cargo:rustc-env={name}={}", value.trim().trim_matches('"'));
                found.push(*name);
            }
        }
    }
    for (key, name) in KEYS {
        assert!(found.contains(&name), "[[workspace.metadata.leptos]] in Cargo.toml has no {key}");
    }
}
