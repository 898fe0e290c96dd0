//! Guidelines in place: each label's description and examples, beside the
//! text. With a span selected, its label's guideline leads, open.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::{Label, LabelDef, Schema};
use crate::sort::sort_by_key;

use super::paint::chip_var;

#[derive(Properties, PartialEq)]
pub struct GuidelinesProps {
    pub schema: Rc<Schema>,
    /// The label of the selected span, if any.
    pub focus: Option<Label>,
}

#[function_component(Guidelines)]
pub fn guidelines(props: &GuidelinesProps) -> Html {
    let mut defs: Vec<&LabelDef> = props.schema.labels().iter().collect();
    if let Some(focus) = &props.focus {
        sort_by_key(&mut defs, |def| def.label != *focus);
    }
    let entries: Html = defs
        .into_iter()
        .map(|def| {
            let focused = props.focus.as_ref() == Some(&def.label);
            let examples: Html = def
                .examples
                .iter()
                .map(|example| {
                    let (class, mark) = if example.positive { ("yes", "\u{2713}") } else { ("no", "\u{2717}") };
                    html! { <li class={class}><span class="mark" aria-label={if example.positive { "tag" } else { "do not tag" }}>{mark}</span>{example.text.clone()}</li> }
                })
                .collect();
            html! {
                <details class={classes!("guideline", focused.then_some("is-focused"))} open={focused} data-guideline={def.label.name().to_owned()}>
                    <summary>
                        <span class="chip" style={format!("--c:{}", chip_var(&props.schema, def.label.name()))}>{def.label.name().to_owned()}</span>
                        <kbd>{def.key}</kbd>
                    </summary>
                    <p>{def.description.clone()}</p>
                    <ul class="examples">{examples}</ul>
                </details>
            }
        })
        .collect();
    html! {
        <section class="panel-section" aria-labelledby="guidelines-heading">
            <h2 id="guidelines-heading">{"Guidelines"}</h2>
            {entries}
        </section>
    }
}
