"""The models newsmine ships (one folder each, with its model card) and the code that runs them.

``crf``: the NER's CRF tagger and its features. Models load from these folders, inside the package: nothing
is ever downloaded at run time.
"""
