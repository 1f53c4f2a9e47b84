"""Rendering scenes into videos, in one direction: a plan, then the renders, then the joined chapters.

- :mod:`.plan`: the targets and settings (plain data);
- :mod:`.fingerprint`: when a video is up to date;
- :mod:`.run`: parallel worker processes with progress;
- :mod:`.worker`: what one worker process does (the only module here that imports manim);
- :mod:`.join`: one film per chapter.
"""

from .fingerprint import fingerprint, fingerprints, is_up_to_date, read_stamp, write_stamp
from .join import join_chapters, join_videos, video_duration
from .plan import QUALITIES, REPO_ROOT, RenderSettings, SceneResult, SceneTarget, targets_from_registry
from .run import check_out_dir, render_scenes, slides_complete

__all__ = ["RenderSettings", "SceneTarget", "SceneResult", "QUALITIES", "REPO_ROOT", "targets_from_registry",
           "fingerprint", "fingerprints", "is_up_to_date", "read_stamp", "write_stamp", "check_out_dir",
           "render_scenes", "slides_complete", "join_chapters", "join_videos", "video_duration"]
