import sys

data = sys.stdin.read().split()
n = int(data[0])
words = data[1:1 + n]


def letter_counts(word):
    return [word.count(c) for c in "abcdefghijklmnopqrstuvwxyz"]


representatives = []
for word in words:
    if not any(letter_counts(word) == letter_counts(other) for other in representatives):
        representatives.append(word)
print(len(representatives))
