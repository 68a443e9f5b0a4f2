"""The year after the interview from the command line, as the window's 「面談・評価」 menu does it:
指示事項 (list, add, update), 中間確認・年度末評価, 確定 and its 解除, the 版 kept, and each
department's coverage line. Every write is the plan editor's operation (the same checks and
messages as the window); a plan or value that cannot be used ends with exit code 1.
"""

from __future__ import annotations

import argparse

from .cli_common import cycle_plan, exclusive_session, fiscal_year, shared_session

MENU = "面談・評価"
STATUS_WORDS = {"open": "open", "未対応": "open", "in_progress": "in_progress", "対応中": "in_progress",
                "done": "done", "対応済み": "done"}


def add_commands(commands) -> None:
    _add_instruction_commands(commands)
    _add_review(commands)
    fix = _plan_command(commands, "fix", "計画を今の版で確定する（確定すると本文は変更できません。評価と指示事項は入力できます）")
    fix.set_defaults(handler=_fix)
    unlock = _plan_command(commands, "unlock", "計画の確定を解除する（理由は記録として残り、計画は次の版になります）")
    unlock.add_argument("--reason", required=True, help="解除する理由（記録として残ります）")
    unlock.add_argument("--by", default="", help="解除する人の名前（省略するとこのパソコンのユーザー名）")
    unlock.set_defaults(handler=_unlock)
    revisions = _plan_command(commands, "revisions", "計画の版の記録（版を上げたとき・確定したときの記録）と確定の解除の記録を表示する")
    revisions.set_defaults(handler=_revisions)
    dropped = _plan_command(commands, "dropped", "前年度から引き継いだとき、今年度の基本方針で廃止された項目に付いていた関連付けと部の方針を表示する"
                                                 "（--seen で確認済みにする）")
    dropped.add_argument("--seen", metavar="CODE", help="確認済みにする前年度の項目番号（例: 3(8)）")
    dropped.add_argument("--goal", help="--seen とともに: その目標の関連付けだけを確認済みにする（No.3 など）")
    dropped.set_defaults(handler=_dropped)
    coverage = commands.add_parser("coverage", help="部ごとの基本方針への対応状況（何項目に部の方針・目標があるか）を1行ずつ表示する")
    coverage.add_argument("--year", type=fiscal_year, required=True, help="年度（例: 2024 または 令和6年度）")
    coverage.add_argument("--department", help="部の名前（省略するとその年度のすべての部）")
    coverage.set_defaults(handler=_coverage)


def _plan_command(commands, name: str, text: str) -> argparse.ArgumentParser:
    command = commands.add_parser(name, help=text)
    command.add_argument("--year", type=fiscal_year, required=True, help="年度（例: 2024 または 令和6年度）")
    command.add_argument("--department", required=True, help="部の名前（例: 政策部）")
    return command


# --- 指示事項 ----------------------------------------------------------------------------------------

def _add_instruction_commands(commands) -> None:
    listing = _plan_command(commands, "instructions", "面談における指示事項と対応状況を一覧する（番号は update-instruction で使います）")
    listing.add_argument("--status", choices=("all", "not_done", "open", "in_progress", "done"), default="all",
                         help="all: すべて（既定）、not_done: 未対応と対応中、open: 未対応、in_progress: 対応中、done: 対応済み")
    listing.set_defaults(handler=_list_instructions)
    add = _plan_command(commands, "add-instruction", "指示事項を記録する（確定した計画にも記録できます）")
    add.add_argument("--text", required=True, help="指示事項の内容")
    add.add_argument("--by", required=True, help="指示者（例: 市長、副市長、教育長）")
    add.add_argument("--date", help="指示を受けた日（例: 2024-04-10 または 令和6年4月10日。省略すると今日）")
    _instruction_options(add)
    add.set_defaults(handler=_add_instruction)
    update = _plan_command(commands, "update-instruction", "記録した指示事項を直す（対応状況・対応の記入など。指定した項目だけ変わります）")
    update.add_argument("number", type=int, metavar="N", help="instructions の一覧の番号")
    update.add_argument("--text", help="指示事項の内容")
    update.add_argument("--by", help="指示者")
    update.add_argument("--date", help="指示を受けた日")
    _instruction_options(update)
    for name, what in (("goal", "関連する目標"), ("directive", "関連する基本方針の項目"), ("due", "期限")):
        update.add_argument(f"--no-{name}", action="store_true", help=f"{what}を外す")
    update.set_defaults(handler=_update_instruction)


def _instruction_options(command) -> None:
    command.add_argument("--goal", help="関連する目標（印刷の番号: No.3、2-1 など）")
    command.add_argument("--directive", help="関連する基本方針の項目（例: 1(2)）")
    command.add_argument("--due", help="期限（例: 2024-09-30）")
    command.add_argument("--status", help="対応状況: 未対応（open）・対応中（in_progress）・対応済み（done）")
    command.add_argument("--response", help="部の対応")


def _list_instructions(args: argparse.Namespace) -> int:
    from .domain.numbering import goal_numbers
    from .services.year_cycle import instructions

    with shared_session(args) as session:
        plan = cycle_plan(session, args)
    shown = instructions(plan, None if args.status == "all" else args.status)
    numbers = goal_numbers(plan)
    place = {item.id: n for n, item in enumerate(plan.instructions, start=1)}
    for item in shown:
        print(_instruction_line(place[item.id], item, numbers))
    print(f"{len(shown)}件" + (f"（全{len(plan.instructions)}件）" if len(shown) != len(plan.instructions) else ""))
    return 0


def _instruction_line(number: int, item, numbers: dict[int, str]) -> str:
    from .domain.cycle import STATUS_LABELS
    from .domain.wareki import format_date

    about = ([f"目標 No.{numbers[item.goal]}"] if item.goal in numbers else []) + (
        [f"基本方針 {item.directive}"] if item.directive else []) + ([f"期限 {format_date(item.due)}"] if item.due else [])
    line = f"{number}. [{STATUS_LABELS[item.status]}] {format_date(item.given_on)} {item.given_by}: {item.text}"
    line += f"（{'、'.join(about)}）" if about else ""
    return line + (f"\n    対応: {item.response}" if item.response else "")


def _add_instruction(args: argparse.Namespace) -> int:
    from datetime import date

    from .domain.cycle import Instruction

    with exclusive_session(args, MENU) as session:
        plan = cycle_plan(session, args)
        editor = session.editor(args.year, args.department)
        item = Instruction(_day(args.date, "--date") if args.date else date.today(), args.by, args.text,
                           _goal(plan, args.goal), args.directive or None, _day(args.due, "--due"),
                           _status(args.status or "open"), args.response or "")
        change = editor.add_instruction(item)
        number = len(editor.plan.instructions)
    print(f"指示事項を記録しました（{number}番、{change.label}）。")
    return 0


def _update_instruction(args: argparse.Namespace) -> int:
    from dataclasses import replace

    with exclusive_session(args, MENU) as session:
        plan = cycle_plan(session, args)
        if not 1 <= args.number <= len(plan.instructions):
            raise LookupError(f"指示事項 {args.number} はありません（この計画の指示事項は {len(plan.instructions)} 件です）")
        item = plan.instructions[args.number - 1]
        given = {"text": args.text, "given_by": args.by, "response": args.response,
                 "given_on": _day(args.date, "--date") if args.date else None,
                 "goal": _goal(plan, args.goal), "directive": args.directive, "due": _day(args.due, "--due"),
                 "status": _status(args.status) if args.status else None}
        changed = replace(item, **{name: value for name, value in given.items() if value is not None})
        changed = replace(changed, **{name: None for name in ("goal", "directive", "due") if getattr(args, f"no_{name}")})
        session.editor(args.year, args.department).update_instruction(changed)
    print(f"指示事項 {args.number} を直しました。")
    return 0


def _day(text: str | None, option: str):
    from .domain.written import date_value

    if text is None:
        return None
    try:
        return date_value(text)
    except ValueError as exc:
        raise ValueError(f"{option} の日付が読めません（{exc}）。2024-04-10 か 令和6年4月10日 の形で指定してください") from None


def _status(text: str) -> str:
    if text.strip() not in STATUS_WORDS:
        raise ValueError(f"対応状況「{text}」はありません（未対応・対応中・対応済み、または open・in_progress・done）")
    return STATUS_WORDS[text.strip()]


def _goal(plan, written: str | None) -> int | None:
    from .services.plan_file_keys import named_goal

    return named_goal(plan, written).id if written else None


# --- 中間確認・年度末評価 ------------------------------------------------------------------------------

def _add_review(commands) -> None:
    review = _plan_command(commands, "set-review", "目標の中間確認・年度末評価を入力する（指定した項目だけ変わります。確定した計画にも入力できます）")
    review.add_argument("--goal", required=True, help="目標（印刷の番号: No.3、2-1 など）")
    review.add_argument("--stage", choices=("interim", "final"), required=True, help="interim: 中間確認、final: 年度末評価")
    review.add_argument("--mark", help="評価の記号（例: ◎ ○ △ ×。空にするには \"\"）")
    review.add_argument("--actual", help="実績値")
    review.add_argument("--comment", help="進捗・成果")
    review.add_argument("--reason", help="未達の理由・今後の対応")
    review.set_defaults(handler=_set_review)


def _set_review(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from .domain.cycle import STAGE_LABELS, Review, missing_reason, review_of
    from .domain.numbering import goal_numbers
    from .services.plan_file_keys import named_goal

    with exclusive_session(args, MENU) as session:
        plan = cycle_plan(session, args)
        goal = named_goal(plan, args.goal)
        assert goal.id is not None  # a stored plan's goal
        review = review_of(goal.reviews, args.stage) or Review(args.stage)
        given = {name: getattr(args, name) for name in ("mark", "actual", "comment", "reason")}
        review = replace(review, **{name: value for name, value in given.items() if value is not None})
        session.editor(args.year, args.department).set_review(goal.id, review)
        missing = missing_reason(review, session.review_marks())
    label = f"目標 No.{goal_numbers(plan).get(goal.id, '?')}（{STAGE_LABELS[args.stage]}）"
    print(f"{label}を入力しました。")
    if missing:
        print(f"注意: {label}: {missing}")
    return 0


# --- 確定 and 解除 ---------------------------------------------------------------------------------

def _fix(args: argparse.Namespace) -> int:
    from .domain.cycle import lock_caption

    with exclusive_session(args, MENU) as session:
        plan = cycle_plan(session, args)
        if plan.lock is not None:
            raise ValueError(f"この計画はすでに{lock_caption(plan.lock)}しています。")
        editor = session.editor(args.year, args.department)
        editor.fix()
        revision = editor.plan.revision
    print(f"第{revision}版として確定しました。")
    return 0


def _unlock(args: argparse.Namespace) -> int:
    with exclusive_session(args, MENU) as session:
        plan = cycle_plan(session, args)
        if plan.lock is None:
            raise ValueError("この計画は確定していません（解除するものがありません）。")
        editor = session.editor(args.year, args.department)
        editor.unlock(args.reason, by=args.by)
        revision = editor.plan.revision
    print(f"確定を解除しました。計画は第{revision}版になりました。")
    return 0


def _revisions(args: argparse.Namespace) -> int:
    with shared_session(args) as session:
        plan = cycle_plan(session, args)
        kept, unlocks = session.snapshots(plan), session.unlocks(plan)
    for snapshot in kept:
        print(f"第{snapshot.revision}版\t{snapshot.label}\t{snapshot.taken_at.replace('T', ' ')}")
    for record in unlocks:
        who = f"（{record.by}）" if record.by else ""
        print(f"解除\t第{record.revision}版の確定（{record.locked_at:%Y-%m-%d %H:%M}）を {record.unlocked_at:%Y-%m-%d %H:%M}"
              f" に解除{who}: {record.reason}")
    if not kept and not unlocks:
        print("版の記録も解除の記録もありません。版を上げる（第2版など）か確定すると、その時点の内容が記録されます。")
    return 0


def _dropped(args: argparse.Namespace) -> int:
    from .domain.codes import normalize_code
    from .domain.dropped import open_dropped
    from .domain.numbering import goal_numbers

    if args.seen is None:
        with shared_session(args) as session:
            plan = cycle_plan(session, args)
        numbers = goal_numbers(plan)
        for item in open_dropped(plan):
            if item.goal is None:
                print(f"{item.reason}: その項目に書いた部の方針\n    " + item.text.replace("\n", "\n    "))
            else:
                print(f"{item.reason}: 目標 No.{numbers.get(item.goal, '?')}「{plan.goal(item.goal).title}」が関連付けていました")
        if not open_dropped(plan):
            print("廃止された項目に付いていた関連付け・部の方針で、確認していないものはありません。")
        return 0
    with exclusive_session(args, MENU) as session:
        plan = cycle_plan(session, args)
        code = normalize_code(args.seen)
        goal = _goal(plan, args.goal)
        items = [d for d in open_dropped(plan) if d.code == code and (goal is None or d.goal == goal)]
        if not items:
            raise LookupError(f"確認していない廃止された項目 {code} の記録はありません（dropped で一覧できます）")
        session.editor(args.year, args.department).dismiss_dropped([d.id for d in items])
    print(f"{len(items)}件を確認済みにしました。")
    return 0


# --- 対応状況 -------------------------------------------------------------------------------------------

def _coverage(args: argparse.Namespace) -> int:
    from .domain.matrix import coverage_summary
    from .domain.wareki import fiscal_year_label

    with shared_session(args) as session:
        names = [args.department] if args.department else [d.name for d in session.departments(args.year)]
        if args.department:
            session.department(args.year, args.department)  # a clear message for a misspelt name
        policy = session.policy(args.year)
        lines = []
        for name in names:
            plan = session.load_plan(args.year, name)
            lines.append(f"{name}: " + (coverage_summary(policy, plan).text() if plan is not None else "計画なし"))
    print(f"{fiscal_year_label(args.year)} 基本方針への対応状況")
    print("\n".join(lines))
    return 0
