"""The spaCy pipeline: the pinned model plus the project's components."""

from kg.nlp.paragraphs import analysis_text
from kg.nlp.pipeline import MODEL_NAME, build_pipeline
from kg.nlp.text import doc_text

__all__ = ["MODEL_NAME", "analysis_text", "build_pipeline", "doc_text"]
