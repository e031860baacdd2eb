-- Weeks were known by the local date they opened on, so a schedule change renamed them and
-- broke streaks, stats and history. They are now known by the Monday of the ISO week holding
-- most of their days, whatever weekday they open (bot.features.checkins.model.week_named).
-- Where the old naming let two weeks fall on one name, the earlier entry is kept.
DELETE FROM checkins WHERE EXISTS (
    SELECT 1 FROM checkins earlier
    WHERE earlier.community_id = checkins.community_id
      AND earlier.member_id = checkins.member_id
      AND earlier.week < checkins.week
      AND date(earlier.week, '+3 days', '-6 days', 'weekday 1')
          = date(checkins.week, '+3 days', '-6 days', 'weekday 1')
);
UPDATE checkins SET week = date(week, '+3 days', '-6 days', 'weekday 1');

DELETE FROM checkin_weeks WHERE EXISTS (
    SELECT 1 FROM checkin_weeks earlier
    WHERE earlier.community_id = checkin_weeks.community_id
      AND earlier.week < checkin_weeks.week
      AND date(earlier.week, '+3 days', '-6 days', 'weekday 1')
          = date(checkin_weeks.week, '+3 days', '-6 days', 'weekday 1')
);
UPDATE checkin_weeks SET week = date(week, '+3 days', '-6 days', 'weekday 1');

UPDATE checkin_members SET
    last_week = date(last_week, '+3 days', '-6 days', 'weekday 1'),
    reminded_week = date(reminded_week, '+3 days', '-6 days', 'weekday 1');

-- The week's thread is found by its outbox key, which carries the week's name.
UPDATE outbox SET key = 'checkin-thread:' || date(substr(key, 16), '+3 days', '-6 days', 'weekday 1')
WHERE key LIKE 'checkin-thread:%' AND NOT EXISTS (
    SELECT 1 FROM outbox other
    WHERE other.community_id = outbox.community_id
      AND other.key = 'checkin-thread:' || date(substr(outbox.key, 16), '+3 days', '-6 days', 'weekday 1')
);

-- The week in progress when the schedule last changed; see Schedule.floor.
ALTER TABLE checkin_schedules ADD COLUMN floor_week TEXT;
