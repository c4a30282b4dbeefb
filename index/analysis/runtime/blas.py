"""Which matrix-multiply library spaCy's networks use, and how many threads it may take.

thinc multiplies through its bundled BLIS by default; on the machines we measured (AMD EPYC,
AVX-512) BLIS's kernels are about 3x slower than the OpenBLAS that numpy ships, and the whole
pipeline ran ~40% faster on numpy's, with identical tags, parses and entities. OpenBLAS starts
one thread per core, though, which is right for one process but makes the analysis workers
(one per core already) fight over the cores, so each worker is limited to one thread.
"""

from __future__ import annotations

import ctypes
import logging
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

# numpy's wheels bundle OpenBLAS built with symbol suffixes; plain builds use the bare name.
_SET_THREADS = (
    "scipy_openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads",
    "openblas_set_num_threads64_",
    "openblas_set_num_threads",
)


def use_numpy_blas(nlp: Language) -> None:
    """Make every network in the pipeline multiply through numpy instead of BLIS."""
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if isinstance(node.ops, NumpyOps):
                node.ops = ops


def single_threaded_blas() -> bool:
    """Limit the OpenBLAS loaded in this process to one thread; False when none was found."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower()}
    except OSError:
        return False
    done = False
    for path in sorted(paths):
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        for name in _SET_THREADS:
            setter = getattr(library, name, None)
            if setter is not None:
                setter(1)
                done = True
                break
    if not done:
        log.debug("no OpenBLAS found to limit to one thread")
    return done
