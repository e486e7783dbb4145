"""Copy the browser tests' screenshots to docs/screenshots/ as small palette PNGs for the README.

Run by `make screenshots` after the screenshot tests. A 256-colour palette keeps flat UI colours
and text exact enough to read while making each file a fraction of the size.
"""

import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "artifacts" / "screenshots"
TARGET = ROOT / "docs" / "screenshots"
SHOWN = [
    f"{page}-{lang}-{view}"
    for page in ("home", "theme", "topic", "glance")
    for lang in ("nl", "en")
    for view in ("desktop", "phone")
]


def main() -> int:
    missing = [name for name in SHOWN if not (SOURCE / f"{name}.png").is_file()]
    if missing:
        print(f"Missing screenshots (run the browser tests first): {', '.join(missing)}")
        return 1
    TARGET.mkdir(parents=True, exist_ok=True)
    for name in SHOWN:
        with Image.open(SOURCE / f"{name}.png") as image:
            small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
            small.save(TARGET / f"{name}.png", optimize=True)
        print(f"{name}.png: {(TARGET / f'{name}.png').stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
