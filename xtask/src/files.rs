//! File system calls whose errors say which file they were about.

use std::fs;
use std::path::Path;

use crate::Result;

pub fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|error| format!("cannot read {}: {error}", path.display()))
}

pub fn read_to_string(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(|error| format!("cannot read {}: {error}", path.display()))
}

pub fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result {
    fs::write(path, contents).map_err(|error| format!("cannot write {}: {error}", path.display()))
}

pub fn create_dir_all(path: &Path) -> Result {
    fs::create_dir_all(path).map_err(|error| format!("cannot create folder {}: {error}", path.display()))
}

/// Empties `path` by removing and creating it again.
pub fn recreate_dir(path: &Path) -> Result {
    if path.exists() {
        fs::remove_dir_all(path).map_err(|error| format!("cannot remove {}: {error}", path.display()))?;
    }
    create_dir_all(path)
}

/// The names of the files in `dir` that end in `.extension`, sorted.
pub fn names_with_extension(dir: &Path, extension: &str) -> Result<Vec<String>> {
    let entries = fs::read_dir(dir).map_err(|error| format!("cannot list {}: {error}", dir.display()))?;
    let mut names = Vec::new();
    for entry in entries {
        let path = entry.map_err(|error| format!("cannot list {}: {error}", dir.display()))?.path();
        if !path.is_file() || path.extension().is_none_or(|ext| ext != extension) {
            continue;
        }
        if let Some(name) = path.file_name() {
            names.push(name.to_string_lossy().into_owned());
        }
    }
    names.sort();
    Ok(names)
}
