"""The voice of the explainer, apart from its story: how written narration becomes speech and word times.

- :mod:`scenes.voice.narration`: a beat's written words, bookmarks and sentences, and when each word is heard;
- :mod:`scenes.voice.spoken`: the spoken form ("-3.8" is said "minus three point eight"), used by every engine;
- :mod:`scenes.voice.engines`: Piper (default), espeak-ng, reading pace and the brisk preview; the speech cache;
- :mod:`scenes.voice.piper_process`: Piper (GPL) in a process of its own;
- :mod:`scenes.voice.recordings`: a person's own recordings, their label files and their up-to-date check;
- :mod:`scenes.voice.loudness`: every film's sound at -16 LUFS, true peak under -1 dBTP;
- :mod:`scenes.voice.choice`: ``--voice`` and ``--pace`` turned into an engine.

``scenes/content/`` holds the story (scenes, components, the scene base); it asks this package for speech.
"""
