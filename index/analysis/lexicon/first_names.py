"""Common given names whose gender is near certain, for agreeing "he"/"she" with a person.

The resolver otherwise learns a person's gender only from titles (Mr., Ms.) and from the
pronouns written after them, which misleads when the next sentence is about someone else
("Jennifer Palmieri said he cannot defend his record"). A short list of unambiguous names read
in news copy settles most persons; ambiguous names (Jordan, Taylor, Jamie) are left out.
"""

from __future__ import annotations

from .words import word_set

MALE_NAMES = word_set(
    """
    aaron adam adrian alan albert alex alexander alfred andrew andy angelo anthony antonio
    arnold arthur barack barry ben benjamin bernard bernie bill billy bob bobby brad bradley
    brandon brett brian bruce bryan carl carlos charles charlie chris christopher chuck cory
    craig dan daniel danny darrell dave david dennis derek dick don donald doug douglas
    duncan dwight earl ed eddie edward elijah elliott emmanuel eric ernest eugene frank
    franklin fred frederick gary george gerald gordon greg gregory harold harry harvey henry
    howard hugh ian isaac jack jacob jake james jason jeb jeff jeffrey jeremy jerry jesse jim
    jimmy joe joel john johnny jon jonathan jose joseph josh joshua juan justin keith ken
    kenneth kevin kurt larry lawrence leonard lindsey luis marco mark martin matt matthew
    michael mike mitch mitt mohammed muhammad nathan neil newt nicholas nick noah oliver oscar
    patrick paul peter phil philip ralph randy raymond reince richard rick rob robert roger
    ron ronald roy rudy russell ryan sam samuel scott sean sergei seth sherrod stephen steve
    steven stuart ted thomas tim timothy todd tom tommy tony travis tyler vernon victor
    vincent vladimir walter warren wayne william willie xi zach
    """
)

FEMALE_NAMES = word_set(
    """
    abby abigail alice alicia alison allison amanda amy andrea angela angelina ann anna anne
    annie barbara betsy betty beverly brenda brittany carly carol caroline carolyn catherine
    cathy cecile charlotte cheryl christina christine cindy claire claudia cynthia
    deborah debbie debra denise diana diane donna doris dorothy elaine eleanor elena elizabeth
    ellen emily emma erin eva evelyn frances gail gina gloria grace hannah heather heidi helen
    hillary huma ivanka jacqueline jane janet janice jennifer jessica jill joan joanna
    jodi joyce judith judy julia julie karen kate katherine kathleen kathryn kathy katie kay
    kellyanne kimberly kristen laura lauren linda lisa loretta lori louise lucy
    margaret maria marie marilyn marsha martha mary megan megyn melania melanie melissa
    michele michelle monica nancy natalie nicole nikki olivia pam pamela patricia paula peggy
    rachel rebecca rose ruth sally samantha sandra sara sarah sharon sheila shirley sonia
    stephanie susan suzanne tammy teresa theresa tina valerie vanessa victoria wendy
    """
)


def gender_of_name(name: str) -> str | None:
    """'m' or 'f' from the first word of a full name, else None."""
    words = name.split()
    if len(words) < 2:
        return None  # a lone surname says nothing
    first = words[0].lower().rstrip(".")
    if first in MALE_NAMES:
        return "m"
    return "f" if first in FEMALE_NAMES else None
