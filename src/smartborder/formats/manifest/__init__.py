"""eManifest: the advance commercial information of a trip, in JSON (and CSV for bulk).

``schema`` defines and documents the JSON document, ``csv_bulk`` reads the same data as
one CSV row per commodity line, ``notice`` holds the advance-notice rules by mode, and
``acknowledgement`` the answer every submission gets.
"""
