"""Corpus readers, training and evaluation of newsmine's statistical models (``corpus``, ``ner``)."""
