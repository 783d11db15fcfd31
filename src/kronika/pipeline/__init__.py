"""The reading pipeline: text in, sentences, entities, mentions and claims out.

Reading a document is a pure function of its text and metadata; only the store writes.
"""

from kronika.pipeline.reader import DocumentInput, Reader, make_reader

__all__ = ["DocumentInput", "Reader", "make_reader"]
