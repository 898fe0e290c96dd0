//! The token-cut warning colours of both themes (`styles/10-base.css`)
//! meet WCAG AA (4.5:1) for text on the backgrounds they are used on.

use std::collections::HashMap;

use sorot::model::label::contrast;

/// The `--name: #rrggbb` variables of the CSS rule that starts with `selector`.
fn variables(css: &str, selector: &str) -> HashMap<String, String> {
    let rule = css.split(selector).nth(1).and_then(|rest| rest.split_once('{')).map(|(_, body)| body.split('}').next().unwrap_or_default());
    rule.unwrap_or_default()
        .split(';')
        .filter_map(|declaration| declaration.trim().split_once(':'))
        .filter(|(name, value)| name.starts_with("--") && value.trim().starts_with('#'))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect()
}

#[test]
fn warning_colours_meet_wcag_aa_in_both_themes() {
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/styles/10-base.css")).unwrap();
    let light = variables(&css, ":root {");
    let mut dark = light.clone();
    dark.extend(variables(&css, ":root[data-theme=dark]"));
    for (theme, vars) in [("light", &light), ("dark", &dark)] {
        for (ink, background) in
            [("--warn", "--warn-bg"), ("--ink-soft", "--warn-bg"), ("--warn", "--surface"), ("--warn", "--row-selected")]
        {
            let ratio = contrast(&vars[ink], &vars[background]);
            assert!(ratio >= 4.5, "{theme}: {ink} {} on {background} {}: {ratio:.2}", vars[ink], vars[background]);
        }
    }
}
