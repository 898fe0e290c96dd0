//! Messages to the user: a dismissable problem notice (with the list of
//! problems on demand when they are many), the progress of a long task, and
//! a visually hidden live region that announces every change to screen
//! readers.

use std::rc::Rc;

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub problem: Option<AttrValue>,
    /// The message is news, not a problem (e.g. the unit a file was read in).
    pub info: bool,
    /// Every problem the message counts, shown on demand.
    pub details: Option<Rc<[String]>>,
    /// Download the details as a text file.
    pub ondownload: Callback<()>,
    /// The label of the button that takes the offered way out, if any.
    pub accept: Option<AttrValue>,
    pub announcement: Option<AttrValue>,
    /// A long task under way: what it is, units done, units in all.
    pub progress: Option<(AttrValue, usize, usize)>,
    pub onaccept: Callback<()>,
    pub ondismiss: Callback<()>,
}

#[function_component(NoticeArea)]
pub fn notice_area(props: &NoticeProps) -> Html {
    let problem = props.problem.as_ref().map(|message| {
        let ondismiss = props.ondismiss.reform(|_: MouseEvent| ());
        let accept = props.accept.as_ref().map(|label| {
            html! { <button class="notice-accept" onclick={props.onaccept.reform(|_: MouseEvent| ())}>{label.clone()}</button> }
        });
        let dismiss = if accept.is_some() {
            html! { <button class="notice-cancel" onclick={ondismiss}>{"Cancel"}</button> }
        } else {
            html! { <button class="notice-dismiss" onclick={ondismiss} aria-label="Dismiss message">{"\u{d7}"}</button> }
        };
        let (class, role) = if props.info { ("notice info", "status") } else { ("notice problem", "alert") };
        let details = props.details.as_ref().map(|details| {
            let items: Html = details.iter().map(|line| html! { <li>{line.clone()}</li> }).collect();
            html! {
                <details class="notice-details">
                    <summary>{format!("Show all {}", details.len())}</summary>
                    <ol>{items}</ol>
                    <button onclick={props.ondownload.reform(|_: MouseEvent| ())}>{"Download as text"}</button>
                </details>
            }
        });
        html! {
            <div {class} {role}>
                <div class="notice-body">
                    <span class="notice-text">{message.clone()}</span>
                    {details}
                </div>
                {accept}
                {dismiss}
            </div>
        }
    });
    let progress = props.progress.as_ref().map(|(task, done, total)| {
        let percent = if *total == 0 { 100 } else { done * 100 / total };
        html! {
            <div class="notice progress-notice" role="status" aria-live="polite">
                <span class="notice-text">{format!("{task}\u{2026} {percent}%")}</span>
                <progress max={total.to_string()} value={done.to_string()} aria-label={task.clone()}></progress>
            </div>
        }
    });
    html! {
        <>
            {progress}
            {problem}
            <div class="sr-only" aria-live="polite" role="status">{props.announcement.clone()}</div>
        </>
    }
}
