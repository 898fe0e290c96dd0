//! Annotation file formats. Each format has its own module with serialized
//! types kept separate from the model's types.

pub mod sorot_json;
pub mod text;
