//! Messages to the user: a dismissable problem notice, and a visually hidden
//! live region that announces every change to screen readers.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub problem: Option<AttrValue>,
    pub announcement: Option<AttrValue>,
    pub ondismiss: Callback<()>,
}

#[function_component(NoticeArea)]
pub fn notice_area(props: &NoticeProps) -> Html {
    let problem = props.problem.as_ref().map(|message| {
        let ondismiss = props.ondismiss.reform(|_: MouseEvent| ());
        html! {
            <div class="notice problem" role="alert">
                <span class="notice-text">{message.clone()}</span>
                <button class="notice-dismiss" onclick={ondismiss} aria-label="Dismiss message">{"\u{d7}"}</button>
            </div>
        }
    });
    html! {
        <>
            {problem}
            <div class="sr-only" aria-live="polite" role="status">{props.announcement.clone()}</div>
        </>
    }
}
