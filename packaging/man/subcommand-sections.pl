#!/usr/bin/perl
# Writes a help2man include file with one man page section per
# queuedesk-worker command, made from that command's --help, so the page can
# never miss a command or an option the program has.
#   perl subcommand-sections.pl PATH/TO/queuedesk-worker commands.h2m
# The commands are the ones the top-level --help lists under "Commands:".
# Perl because help2man is Perl: whoever has one has the other.
use strict;
use warnings;

my ($program, $output) = @ARGV;
die "usage: $0 queuedesk-worker-binary output.h2m\n" unless defined $output;

sub help_of {
    my @args = @_;
    open(my $pipe, '-|', $program, @args) or die "cannot run $program: $!\n";
    local $/;
    my $text = <$pipe>;
    close($pipe) or die "$program @args --help failed\n";
    return $text;
}

# Prose for roff: backslashes shown as such, hyphens as hyphen-minus (they
# are options and commands here), no line taken for a roff request or, in
# the include file, for a [section] or /pattern/ of help2man's.
sub roff {
    my ($text) = @_;
    $text =~ s/\\/\\e/g;
    $text =~ s/-/\\-/g;
    $text =~ s{^([.'\[/])}{\\&$1};
    return $text;
}

# "-h, --help" or "--queue <name>" as bold options with italic values.
sub option_spec {
    my ($spec) = @_;
    return join(', ', map {
        my ($name, $value) = split(/ /, $_, 2);
        '\fB' . roff($name) . '\fR' . (defined $value ? ' \fI' . roff($value) . '\fR' : '');
    } split(/, /, $spec));
}

# QCommandLineParser lists "  spec   description" with the description
# wrapped onto lines indented to its column.
sub entries {
    my ($lines, $format_spec) = @_;
    my $out = '';
    for my $line (@$lines) {
        if ($line =~ /^  (\S.*?)(?:\s{2,}(\S.*))?$/) {
            $out .= ".TP\n" . $format_spec->($1) . "\n" . (defined $2 ? roff($2) . "\n" : '');
        } elsif ($line =~ /^\s+(\S.*)$/) {
            $out .= roff($1) . "\n";
        }
    }
    return $out;
}

# The description: paragraphs of prose; indented lines (the schedule
# actions) keep their layout.
sub description {
    my ($lines) = @_;
    my $out = '';
    my $verbatim = 0;
    for my $line (@$lines) {
        if ($line eq '') {
            $out .= ".fi\n" if $verbatim;
            $verbatim = 0;
            $out .= ".PP\n";
        } elsif ($line =~ /^\s/) {
            $out .= ".nf\n" unless $verbatim;
            $verbatim = 1;
            $out .= roff($line) . "\n";
        } else {
            $out .= ".fi\n" if $verbatim;
            $verbatim = 0;
            $out .= roff($line) . "\n";
        }
    }
    $out .= ".fi\n" if $verbatim;
    return $out;
}

sub section_for {
    my ($command) = @_;
    my @lines = split(/\n/, help_of($command, '--help'));
    my $usage = shift @lines;
    $usage =~ s/^Usage: queuedesk-worker \Q$command\E\s*// or die "unexpected usage line of $command: $usage\n";
    my (@about, @options, @arguments);
    my $part = \@about;
    for my $line (@lines) {
        if ($line eq 'Options:') { $part = \@options; next; }
        if ($line eq 'Arguments:') { $part = \@arguments; next; }
        push @$part, $line;
    }
    pop @about while @about && $about[-1] eq '';
    my $out = "[queuedesk-worker $command]\n";
    $out .= '\fBqueuedesk\-worker ' . roff($command) . '\fR ' . roff($usage) . "\n.PP\n";
    $out .= description(\@about);
    $out .= entries(\@options, \&option_spec);
    if (@arguments) {
        $out .= ".PP\nArguments:\n";
        $out .= entries(\@arguments, sub { '\fI' . roff($_[0]) . '\fR' });
    }
    return $out . "\n";
}

my @commands;
my $in_commands = 0;
for my $line (split(/\n/, help_of('--help'))) {
    if ($line eq 'Commands:') { $in_commands = 1; next; }
    last if $in_commands && $line eq '';
    push @commands, $1 if $in_commands && $line =~ /^  (\S+)/;
}
die "no commands in $program --help\n" unless @commands;
my $text = join('', map { section_for($_) } @commands);
open(my $file, '>', $output) or die "cannot write $output: $!\n";
print $file $text;
close($file) or die "cannot write $output: $!\n";
