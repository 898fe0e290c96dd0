//! Plain-text tables for the reports: text columns left-aligned, number
//! columns right-aligned, each as wide as its widest cell (counted in
//! characters), two spaces apart.

use std::fmt;

/// A table: a header row, then rows of cells.
pub struct Table {
    rows: Vec<Vec<String>>,
    /// How many columns, from the first, hold text.
    text_columns: usize,
}

impl Table {
    /// A table with these column names; the first holds text, the others numbers.
    pub fn new(header: &[&str]) -> Self {
        Table { rows: vec![header.iter().map(|h| (*h).to_owned()).collect()], text_columns: 1 }
    }

    /// Makes the first `count` columns text columns.
    pub fn text_columns(mut self, count: usize) -> Self {
        self.text_columns = count;
        self
    }

    /// Adds a row; missing cells are blank.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> =
            (0..columns).map(|c| self.rows.iter().filter_map(|r| r.get(c)).map(|cell| cell.chars().count()).max().unwrap_or(0)).collect();
        for row in &self.rows {
            let mut line = String::new();
            for (c, width) in widths.iter().enumerate() {
                let cell = row.get(c).map_or("", String::as_str);
                let pad = " ".repeat(width - cell.chars().count());
                if c > 0 {
                    line.push_str("  ");
                }
                if c < self.text_columns {
                    line.push_str(cell);
                    line.push_str(&pad);
                } else {
                    line.push_str(&pad);
                    line.push_str(cell);
                }
            }
            writeln!(f, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

/// A score to three places, or `–` when it is undefined.
pub fn score(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.3}"))
}

/// `text` cut to `max` characters, with `…` when cut, on one line.
pub fn clip(text: &str, max: usize) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max {
        line
    } else {
        line.chars().take(max - 1).chain(['…']).collect()
    }
}
