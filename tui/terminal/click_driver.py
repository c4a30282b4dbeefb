"""A terminal driver that asks for mouse clicks only, not every pointer motion.

Textual's Linux driver turns on all-motion tracking (`?1003h`): every move of the pointer
becomes bytes on the line, which over SSH or mosh is traffic the reader never uses (it has no
hover behaviour that matters). This one asks for presses, releases and the wheel (`?1000h`) in
SGR coordinates (`?1006h`); leaving the app turns all of them off as before.
"""

from __future__ import annotations

from textual.drivers.linux_driver import LinuxDriver

__all__ = ["ClickOnlyDriver", "LinuxDriver"]


class ClickOnlyDriver(LinuxDriver):
    """The Linux driver with button-event mouse reporting instead of all-motion reporting."""

    def _enable_mouse_support(self) -> None:
        if not self._mouse:
            return
        self.write("\x1b[?1000h")  # presses, releases and the wheel
        self.write("\x1b[?1006h")  # as SGR sequences (no 223-column limit)
        self.flush()
